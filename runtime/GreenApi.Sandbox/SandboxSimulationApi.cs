using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace GreenApi.Sandbox;

/// <summary>
/// The simulation API over HTTP, under <c>/sandbox/</c>, for a standalone sandbox driven from another
/// process or language (the in-process API is <see cref="GreenApiSandbox"/> and <see cref="SandboxInstance"/>):
/// <list type="bullet">
/// <item><c>POST /sandbox/instances</c> <c>{idInstance?, apiTokenInstance?, tariff?: "developer"|"business", authorized?}</c>; <c>GET /sandbox/instances</c></item>
/// <item><c>POST /sandbox/instances/{id}/authorize</c> — the phone scans the QR code</item>
/// <item><c>POST /sandbox/instances/{id}/state</c> <c>{state}</c>; <c>POST /sandbox/instances/{id}/expired</c> <c>{expired}</c></item>
/// <item><c>POST /sandbox/instances/{id}/incoming</c> <c>{chatId, text | messageData, senderName?, sender?, quotedMessageId?}</c>; with <c>count</c>, that many texts at once</item>
/// <item><c>GET /sandbox/answers</c> — API calls answered so far, by HTTP status (<c>{"200": n, "429": m}</c>)</item>
/// <item><c>POST /sandbox/instances/{id}/outgoing</c> <c>{chatId, text}</c> — the phone sends a message</item>
/// <item><c>POST /sandbox/instances/{id}/calls</c> <c>{from, status?}</c>; <c>POST /sandbox/instances/{id}/blocks</c> <c>{chatId, blocked?}</c></item>
/// <item><c>POST /sandbox/instances/{id}/faults</c> and <c>POST /sandbox/faults</c> <c>{method?, times?, latencyMs?, status?, body?, drop?}</c>; <c>DELETE</c> on either clears</item>
/// <item><c>GET /sandbox/instances/{id}/messages?chatId=…</c></item>
/// </list>
/// </summary>
internal static class SandboxSimulationApi
{
    public static async Task HandleAsync(GreenApiSandbox sandbox, HttpContext context, string[] path)
    {
        var verb = context.Request.Method;
        var body = await ReadAsync(context).ConfigureAwait(false);
        JsonNode? answer = (verb, path) switch
        {
            ("POST", ["instances"]) => Describe(sandbox, sandbox.CreateInstance(
                SandboxSpec.Number(body["idInstance"]),
                (string?)body["apiTokenInstance"],
                string.Equals((string?)body["tariff"], "developer", StringComparison.OrdinalIgnoreCase) ? GreenApiTariff.Developer : GreenApiTariff.Business,
                (bool?)body["authorized"] ?? false,
                (string?)body["name"])),
            ("GET", ["answers"]) => new JsonObject(sandbox.Answers.OrderBy(a => a.Key).Select(a => KeyValuePair.Create(a.Key.ToString(CultureInfo.InvariantCulture), (JsonNode?)a.Value))),
            ("GET", ["instances"]) => new JsonArray(sandbox.Instances.OrderBy(i => i.IdInstance).Select(i => (JsonNode)Describe(sandbox, i)).ToArray()),
            ("POST", ["faults"]) => AddFault(sandbox.Faults, body),
            ("DELETE", ["faults"]) => ClearFaults(sandbox.Faults),
            (_, ["instances", var id, .. var rest]) => Instance(sandbox, Find(sandbox, id), verb, rest, body, context),
            _ => throw new SandboxError(404, $"the simulation API has no {verb} /sandbox/{string.Join('/', path)}; see the list in GreenApi.Sandbox's README"),
        };
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer is null ? "{}" : SandboxJson.Write(answer), context.RequestAborted).ConfigureAwait(false);
    }

    private static JsonNode? Instance(GreenApiSandbox sandbox, SandboxInstance instance, string verb, string[] rest, JsonObject body, HttpContext context)
    {
        switch (verb, rest)
        {
            case ("GET", []):
                return Describe(sandbox, instance);
            case ("POST", ["authorize"]):
                instance.Authorize();
                return Describe(sandbox, instance);
            case ("POST", ["state"]):
                Wrap(() => instance.SetState(Text(body, "state")));
                return Describe(sandbox, instance);
            case ("POST", ["expired"]):
                instance.Expired = (bool?)body["expired"] ?? true;
                return Describe(sandbox, instance);
            case ("POST", ["incoming"]) when body.ContainsKey("count"):
                return ReceiveMany(instance, body);
            case ("POST", ["incoming"]):
                var chatId = Text(body, "chatId");
                var message = body["messageData"] is JsonObject data
                    ? Wrap(() => instance.Receive(chatId, data, (string?)body["senderName"], (string?)body["sender"]))
                    : Wrap(() => instance.ReceiveText(chatId, Text(body, "text"), (string?)body["senderName"], (string?)body["quotedMessageId"]));
                return new JsonObject { ["idMessage"] = message.IdMessage };
            case ("POST", ["outgoing"]):
                return new JsonObject { ["idMessage"] = instance.SendFromPhone(Text(body, "chatId"), Text(body, "text")).IdMessage };
            case ("POST", ["calls"]):
                instance.ReceiveCall(Text(body, "from"), (string?)body["status"] ?? "offer");
                return new JsonObject();
            case ("POST", ["blocks"]):
                instance.BlockedBy(Text(body, "chatId"), (bool?)body["blocked"] ?? true);
                return new JsonObject();
            case ("POST", ["faults"]):
                return AddFault(instance.Faults, body);
            case ("DELETE", ["faults"]):
                return ClearFaults(instance.Faults);
            case ("GET", ["messages"]):
                var chat = context.Request.Query["chatId"].ToString();
                return new JsonArray(instance.Messages(chat).Select(m => (JsonNode)new JsonObject
                {
                    ["idMessage"] = m.IdMessage,
                    ["outgoing"] = m.Outgoing,
                    ["status"] = m.Status,
                    ["timestamp"] = m.Timestamp,
                    ["messageData"] = m.MessageData.DeepClone(),
                }).ToArray());
            default:
                throw new SandboxError(404, $"the simulation API has no {verb} /sandbox/instances/{instance.IdInstance}/{string.Join('/', rest)}");
        }
    }

    /// <summary><c>{chatId, text, count}</c>: <c>count</c> text messages "text 1" … "text N" in one call (for load tests).</summary>
    private static JsonObject ReceiveMany(SandboxInstance instance, JsonObject body)
    {
        var chatId = Text(body, "chatId");
        var text = Text(body, "text");
        var count = body["count"] is JsonValue v && v.TryGetValue<int>(out var n) && n is > 0 and <= 1_000_000
            ? n
            : throw new SandboxError(400, "'count' must be a whole number from 1 to 1000000");
        string? first = null, last = null;
        for (var i = 1; i <= count; i++)
        {
            last = Wrap(() => instance.ReceiveText(chatId, text + " " + i.ToString(CultureInfo.InvariantCulture), (string?)body["senderName"])).IdMessage;
            first ??= last;
        }

        return new JsonObject { ["count"] = count, ["firstIdMessage"] = first, ["lastIdMessage"] = last };
    }

    private static JsonObject Describe(GreenApiSandbox sandbox, SandboxInstance instance) => new()
    {
        ["idInstance"] = instance.IdInstance,
        ["apiTokenInstance"] = instance.ApiTokenInstance,
        ["apiUrl"] = sandbox.Url.ToString(),
        ["mediaUrl"] = sandbox.Url.ToString(),
        ["stateInstance"] = instance.State,
        ["tariff"] = instance.Tariff.ToString(),
        ["wid"] = instance.Wid,
    };

    private static JsonObject AddFault(SandboxFaults faults, JsonObject body)
    {
        faults.Add(new SandboxFault
        {
            Method = (string?)body["method"],
            Times = body.ContainsKey("times") ? (int?)body["times"] : 1,
            Latency = TimeSpan.FromMilliseconds((double?)body["latencyMs"] ?? 0),
            Status = (int?)body["status"],
            Body = (string?)body["body"],
            Drop = (bool?)body["drop"] ?? false,
        });
        return new JsonObject { ["faults"] = faults.Count };
    }

    private static JsonObject ClearFaults(SandboxFaults faults)
    {
        faults.Clear();
        return new JsonObject { ["faults"] = 0 };
    }

    private static SandboxInstance Find(GreenApiSandbox sandbox, string id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && sandbox.Instances.FirstOrDefault(i => i.IdInstance == n) is { } instance
            ? instance
            : throw new SandboxError(404, $"the sandbox has no instance '{id}'; create one with POST /sandbox/instances");

    private static string Text(JsonObject body, string name) =>
        (string?)body[name] ?? throw new SandboxError(400, $"'{name}' is required");

    private static T Wrap<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (ArgumentException e)
        {
            throw new SandboxError(400, e.Message);
        }
    }

    private static void Wrap(Action action) => Wrap(() =>
    {
        action();
        return 0;
    });

    private static async Task<JsonObject> ReadAsync(HttpContext context)
    {
        if (context.Request.ContentLength is 0 or null && !context.Request.Headers.TransferEncoding.Any())
        {
            return [];
        }

        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false) as JsonObject ?? [];
        }
        catch (JsonException e)
        {
            throw new SandboxError(400, "the simulation API takes a JSON object: " + e.Message);
        }
    }
}
