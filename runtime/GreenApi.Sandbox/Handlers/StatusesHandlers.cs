using System.Text.Json.Nodes;

namespace GreenApi.Sandbox;

internal static partial class SandboxHandlers
{
    // Being written: the Statuses section's handlers.
    private static void Statuses(Dictionary<string, SandboxHandler> map)
    {
    }
}
