using System.Text.Json.Nodes;

namespace GreenApi.Sandbox;

internal static partial class SandboxHandlers
{
    // Being written: the Groups section's handlers.
    private static void Groups(Dictionary<string, SandboxHandler> map)
    {
    }
}
