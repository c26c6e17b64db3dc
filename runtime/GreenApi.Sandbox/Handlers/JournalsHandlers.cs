using System.Text.Json.Nodes;

namespace GreenApi.Sandbox;

internal static partial class SandboxHandlers
{
    // Being written: the Journals section's handlers.
    private static void Journals(Dictionary<string, SandboxHandler> map)
    {
    }
}
