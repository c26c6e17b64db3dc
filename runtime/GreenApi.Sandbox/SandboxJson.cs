using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GreenApi.Sandbox;

/// <summary>How the sandbox writes JSON: like the service, quotes and non-ASCII text stay as they are (<c>'chatId'</c>, not <c>\u0027chatId\u0027</c>).</summary>
internal static class SandboxJson
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(JsonNode? node) => node?.ToJsonString(Options) ?? "null";
}
