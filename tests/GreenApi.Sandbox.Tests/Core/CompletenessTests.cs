namespace GreenApi.Sandbox.Tests.Core;

/// <summary>The sandbox serves the spec it embeds, all of it.</summary>
public sealed class CompletenessTests
{
    [Fact]
    public void Every_method_of_the_spec_has_a_handler()
    {
        var spec = SandboxSpec.Current;
        var handlers = SandboxHandlers.Build(spec);

        SandboxHandlers.Missing(spec, handlers).ShouldBeEmpty();
        spec.Methods.Count().ShouldBe(GreenApiMethods.All.Count, "the sandbox's embedded spec is the spec the client is generated from");
    }

    [Fact]
    public void The_embedded_spec_is_the_repositorys_spec_and_names_every_standard_error_the_sandbox_answers_with()
    {
        var spec = SandboxSpec.Current;

        spec.Methods.Select(m => m.Name).Order(StringComparer.Ordinal).ShouldBe(GreenApiMethods.All.Select(m => m.Name).Order(StringComparer.Ordinal));
        foreach (var id in new[] { "NotFound", "Unauthorized", "Forbidden", "InstanceDeleted", "InstanceExpired", "InstanceStarting", "InstanceNotAuthorized", "TooManyRequests", "RequestEntityTooLarge", "BadRequestData", "ClientClosedRequest", "BadGateway" })
        {
            spec.StandardError(id).Text.ShouldNotBeNullOrEmpty(id);
        }
    }
}
