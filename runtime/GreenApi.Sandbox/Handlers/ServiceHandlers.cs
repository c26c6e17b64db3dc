using System.Text.Json.Nodes;

namespace GreenApi.Sandbox;

internal static partial class SandboxHandlers
{
    // Being written: the Service section's handlers.
    private static void Service(Dictionary<string, SandboxHandler> map)
    {
    }
}
