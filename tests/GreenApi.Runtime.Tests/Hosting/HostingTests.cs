using GreenApi.Hosting;
using GreenApi.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace GreenApi.Runtime.Tests.Hosting;

public sealed class HostingTests
{
    [Fact]
    public async Task Invalid_options_stop_the_host_from_starting_with_what_to_set()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddGreenApi(o => o.IdInstance = 0);
        using var host = builder.Build();
        var error = await Should.ThrowAsync<OptionsValidationException>(() => host.StartAsync());
        error.Message.ShouldContain("IdInstance must be the instance id shown in the console");
    }

    [Fact]
    public async Task Named_instances_each_reach_their_own_instance()
    {
        await using var server = await TestServer.StartAsync((request, context) => TestServer.Respond(context, 200, $$"""{"stateInstance":"authorized"}"""));
        var services = new ServiceCollection();
        services.AddGreenApi("sales", o => Configure(o, server, 1101000001, "token-sales-0123456789"));
        services.AddGreenApi("support", o => Configure(o, server, 1101000002, "token-support-0123456789"));
        await using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IGreenApiClientFactory<GreenApiClient>>();

        await factory.Get("sales").Account.GetStateInstanceAsync();
        await factory.Get("support").Account.GetStateInstanceAsync();

        factory.Get("sales").ShouldBeSameAs(factory.Get("sales"));
        server.Requests.Select(r => (r.Instance, r.Token)).ShouldBe([("1101000001", "token-sales-0123456789"), ("1101000002", "token-support-0123456789")]);
        provider.GetService<GreenApiClient>().ShouldBeNull();
        var unknown = Should.Throw<InvalidOperationException>(() => factory.Get("billing"));
        unknown.Message.ShouldContain("No Green API instance named 'billing'");
        unknown.Message.ShouldContain("'sales', 'support'");
    }

    [Fact]
    public void The_same_name_twice_is_refused()
    {
        var services = new ServiceCollection();
        services.AddGreenApi("a", _ => { });
        Should.Throw<InvalidOperationException>(() => services.AddGreenApi("a", _ => { })).Message.ShouldContain("'a' is registered already");
    }

    [Fact]
    public async Task The_unnamed_instance_resolves_as_the_client_and_shares_the_containers_clock()
    {
        await using var server = await TestServer.StartAsync((_, context) => TestServer.Respond(context, 200, """{"stateInstance":"authorized"}"""));
        var clock = new FakeTimeProvider();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddGreenApi(o => Configure(o, server, 1101000001, "token-0123456789"));
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<GreenApiClient>();

        // getStateInstance is limited to 1 per second: the second call waits for the container's clock.
        await client.Account.GetStateInstanceAsync();
        var second = client.Account.GetStateInstanceAsync();
        await Task.Delay(200);
        second.IsCompleted.ShouldBeFalse();
        clock.Advance(TimeSpan.FromSeconds(1));
        await second.WaitAsync(TimeSpan.FromSeconds(10));
        server.Requests.Count.ShouldBe(2);
    }

    private static void Configure(GreenApiClientOptions options, TestServer server, long id, string token)
    {
        options.ApiUrl = server.Url;
        options.MediaUrl = server.Url;
        options.IdInstance = id;
        options.ApiTokenInstance = token;
    }
}
