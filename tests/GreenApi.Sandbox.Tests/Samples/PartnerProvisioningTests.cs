extern alias PartnerProvisioningSample;

using Partner = PartnerProvisioningSample::GreenApi.Samples.PartnerProvisioning;

namespace GreenApi.Sandbox.Tests.Samples;

/// <summary>samples/PartnerProvisioning's flow run against an in-process sandbox.</summary>
public sealed class PartnerProvisioningTests
{
    private static readonly Partner.PartnerFlowOptions Fast = new()
    {
        PollInterval = TimeSpan.FromMilliseconds(100),
        StartTimeout = TimeSpan.FromSeconds(20),
        DelaySendMessagesMilliseconds = 1500,
    };

    [Fact]
    public async Task The_flow_creates_an_instance_waits_for_notAuthorized_applies_the_settings_gets_a_QR_and_finds_it_listed()
    {
        await using var sandbox = await GreenApiSandbox.StartAsync(new GreenApiSandboxOptions { StartingDuration = TimeSpan.FromSeconds(1) });
        var output = new StringWriter();

        var result = await Partner.PartnerFlow.RunAsync(sandbox.PartnerOptions(), Fast, output);

        var instance = sandbox.Instance(result.IdInstance);
        instance.Creating.ShouldBeFalse();
        instance.State.ShouldBe(SandboxStates.NotAuthorized);
        result.TypeInstance.ShouldBe("whatsapp");
        result.FinalState.ShouldBe("notAuthorized");
        result.StatesSeen[0].ShouldBe("(creating)");
        result.StatesSeen[^1].ShouldBe("notAuthorized");
        result.Polls.ShouldBeGreaterThan(1);
        result.TransientErrors.ShouldBe(0);

        result.SettingsSaved.ShouldBeTrue();
        instance.Setting("webhookUrl").ShouldBe("");
        instance.Setting("webhookUrlToken").ShouldBe("");
        instance.Setting("delaySendMessagesMilliseconds").ShouldBe("1500");
        instance.Setting("incomingWebhook").ShouldBe("yes");
        instance.Setting("outgoingWebhook").ShouldBe("yes");
        instance.Setting("outgoingAPIMessageWebhook").ShouldBe("yes");
        instance.Setting("stateWebhook").ShouldBe("yes");
        instance.Setting("markIncomingMessagesRead").ShouldBe("no");

        result.QrType.ShouldBe("qrCode");
        result.QrImageLength.ShouldBeGreaterThan(0);
        result.Listed.ShouldBeTrue();
        result.InstanceCount.ShouldBe(1);

        var text = output.ToString();
        text.ShouldContain("1. createInstance: instance " + result.IdInstance);
        text.ShouldContain("notAuthorized — ready to link a phone");
        text.ShouldContain("5. getInstances: 1 instance(s), including " + result.IdInstance);
        text.ShouldNotContain(sandbox.PartnerToken);
        text.ShouldNotContain(instance.ApiTokenInstance);
        result.ToString().ShouldNotContain(instance.ApiTokenInstance);
    }

    [Fact]
    public async Task Failing_state_polls_are_waited_out()
    {
        await using var sandbox = await GreenApiSandbox.StartAsync(new GreenApiSandboxOptions { StartingDuration = TimeSpan.FromMilliseconds(300) });
        sandbox.Faults.Add(new SandboxFault { Method = "getStateInstance", Status = 500, Times = 2 });
        var output = new StringWriter();

        var result = await Partner.PartnerFlow.RunAsync(sandbox.PartnerOptions(), Fast, output);

        result.TransientErrors.ShouldBe(2);
        result.StatesSeen[0].ShouldStartWith("(error: GreenApiServerException, HTTP 500)");
        result.FinalState.ShouldBe("notAuthorized");
        result.Listed.ShouldBeTrue();
        output.ToString().ShouldNotContain(sandbox.Instance(result.IdInstance).ApiTokenInstance);
    }

    [Fact]
    public async Task A_wrong_partner_token_stops_the_flow_without_showing_the_token()
    {
        await using var sandbox = await GreenApiSandbox.StartAsync();
        var options = sandbox.PartnerOptions();
        options.PartnerToken = "wrong-partner-token-42";
        var output = new StringWriter();

        var e = await Should.ThrowAsync<GreenApiException>(() => Partner.PartnerFlow.RunAsync(options, Fast, output));

        e.ShouldBeOfType<GreenApiAuthenticationException>();
        e.Message.ShouldNotContain("wrong-partner-token-42");
        output.ToString().ShouldNotContain("wrong-partner-token-42");
        sandbox.Instances.ShouldBeEmpty();
    }
}
