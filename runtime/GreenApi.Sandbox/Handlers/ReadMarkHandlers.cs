using System.Text.Json.Nodes;

namespace GreenApi.Sandbox;

internal static partial class SandboxHandlers
{
    // Being written: the ReadMark section's handlers.
    private static void ReadMark(Dictionary<string, SandboxHandler> map)
    {
    }
}
