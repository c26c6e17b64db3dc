using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using GreenApi.Serialization;

namespace GreenApi.Sandbox.Tests.Recordings;

/// <summary>
/// The generated API seen generically, by reflection: which client method a descriptor of
/// <see cref="GreenApiMethods.All"/> is called through, its request and response types, how a request is
/// built from a recording and how a typed response is encoded again with its generated converter.
/// </summary>
public static class ApiSurface
{
    /// <summary>The methods a recording is expected for: every HTTP method (scanqrcode is a websocket; its fallback qr is recorded).</summary>
    public static IReadOnlyList<GreenApiMethod> HttpMethods { get; } = GreenApiMethods.All.Where(m => m.Transport == GreenApiTransportKind.Http).ToList();

    /// <summary>Methods without a recording, and why. Only the websocket.</summary>
    public static IReadOnlyDictionary<string, string> Exclusions { get; } = new Dictionary<string, string>
    {
        ["scanqrcode"] = "a websocket, not an HTTP exchange: the runtime's HTTP fallback for it is qr (x-green-api-fallback), which is recorded; the websocket itself is covered by the sandbox's own tests",
    };

    /// <summary>The folder of a method's recording: the client's section name in lower case (partner methods: <c>partner</c>).</summary>
    public static string Folder(GreenApiMethod method) => method.Section.ToLowerInvariant();

    /// <summary>The recording file of a method, relative to tests/fixtures/recordings.</summary>
    public static string RelativePath(GreenApiMethod method) => $"{Folder(method)}/{method.Name}.json";

    public static GreenApiMethod Descriptor(string name) =>
        GreenApiMethods.All.SingleOrDefault(m => m.Name == name) ?? throw new KeyNotFoundException($"GreenApiMethods.All has no method '{name}'");

    /// <summary>The generated client method: <c>&lt;Name&gt;Async(request?, CancellationToken)</c> on the section (or the partner client).</summary>
    public static MethodInfo ClientMethod(GreenApiMethod method)
    {
        var owner = method.Host == GreenApiHost.Partner
            ? typeof(GreenApiPartnerClient)
            : typeof(GreenApiClient).GetProperty(method.Section)?.PropertyType ?? throw new MissingMemberException($"GreenApiClient has no section '{method.Section}'");
        var candidates = owner.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => string.Equals(m.Name, method.Name + "Async", StringComparison.OrdinalIgnoreCase))
            .ToList();
        return candidates.Count == 1 ? candidates[0] : throw new MissingMethodException($"{owner.Name} has {candidates.Count} methods named like {method.Name}Async");
    }

    /// <summary>The object the method is called on.</summary>
    public static object Target(GreenApiMethod method, GreenApiClient client, GreenApiPartnerClient partner) =>
        method.Host == GreenApiHost.Partner ? partner : typeof(GreenApiClient).GetProperty(method.Section)!.GetValue(client)!;

    /// <summary>The request type, or <see langword="null"/> for a method called with only a cancellation token.</summary>
    public static Type? RequestType(MethodInfo method) =>
        method.GetParameters() is [var request, _] ? request.ParameterType : null;

    /// <summary>The typed answer's type, or <see langword="null"/> when the method returns a plain <see cref="Task"/>.</summary>
    public static Type? ResponseType(MethodInfo method) =>
        method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(Task<>) ? method.ReturnType.GetGenericArguments()[0] : null;

    /// <summary>Calls the method and returns its typed answer (<see langword="null"/> for a plain <see cref="Task"/>).</summary>
    public static async Task<object?> InvokeAsync(MethodInfo method, object target, object? request, CancellationToken cancellationToken)
    {
        object?[] arguments = RequestType(method) is null ? [cancellationToken] : [request, cancellationToken];
        Task task;
        try
        {
            task = (Task)method.Invoke(target, arguments)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }

        await task.ConfigureAwait(false);
        return ResponseType(method) is null ? null : task.GetType().GetProperty("Result")!.GetValue(task);
    }

    /// <summary>A value of a generated type encoded with its generated converter (lists item by item).</summary>
    public static JsonNode? Encode(Type type, object? value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, GreenApiJson.WriterOptions))
        {
            Write(writer, type, value);
        }

        return JsonNode.Parse(buffer.ToArray());
    }

    /// <summary>
    /// Builds the request a recording was made with. A JSON body is decoded with the request type's generated
    /// reader (<c>Parse</c>); otherwise the properties are filled from the query string, the path segments
    /// after the token, the form's parts or the raw file and its GA-Filename header.
    /// </summary>
    public static object BuildRequest(Type type, JsonObject recordedRequest)
    {
        if (recordedRequest["body"] is { } body)
        {
            var parse = type.GetMethod("Parse", BindingFlags.Public | BindingFlags.Static, [typeof(string)])
                ?? throw new MissingMethodException($"{type.Name} has no Parse(string) although its request has a JSON body");
            return parse.Invoke(null, [body.ToJsonString(RecordingFormat.Compact)])!;
        }

        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        var line = (string)recordedRequest["line"]!;
        var url = line[(line.IndexOf(' ', StringComparison.Ordinal) + 1)..];
        var query = url.Contains('?', StringComparison.Ordinal) ? url[(url.IndexOf('?', StringComparison.Ordinal) + 1)..] : "";
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, value) = pair.Split('=', 2) is [var n, var v] ? (n, v) : (pair, "");
            values[Normalize(Uri.UnescapeDataString(name))] = Uri.UnescapeDataString(value);
        }

        var headers = recordedRequest["headers"]?.AsObject() ?? [];
        foreach (var part in recordedRequest["form"]?.AsArray() ?? [])
        {
            var name = Normalize((string)part!["name"]!);
            values[name] = part["file"] is { } file
                ? new GreenApiFile(new MemoryStream(RecordingFormat.FileBytes(file)), (string)part["fileName"]!, (string?)part["headers"]?["Content-Type"])
                : (string)part["value"]!;
        }

        if (recordedRequest["file"] is { } raw)
        {
            var fileName = (string?)headers["GA-Filename"];
            var fileProperty = type.GetProperties().Single(p => p.PropertyType == typeof(GreenApiFile));
            values[Normalize(fileProperty.Name)] = new GreenApiFile(new MemoryStream(RecordingFormat.FileBytes(raw)), string.IsNullOrEmpty(fileName) ? "file" : fileName, (string?)headers["Content-Type"]);
            if (fileName is not null)
            {
                values[Normalize("GA-Filename")] = fileName;
            }
        }

        var settable = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.Name != "ExtensionData").ToList();
        var segments = PathSegmentsAfterToken(url);
        foreach (var property in settable.Where(p => !values.ContainsKey(Normalize(p.Name))))
        {
            if (segments.Count == 0)
            {
                break;
            }

            values[Normalize(property.Name)] = segments.Dequeue();
        }

        var request = Activator.CreateInstance(type)!;
        foreach (var property in settable)
        {
            if (values.TryGetValue(Normalize(property.Name), out var value))
            {
                property.SetValue(request, Convert(value, property.PropertyType, property.Name));
            }
        }

        var unused = values.Keys.Where(k => settable.All(p => Normalize(p.Name) != k)).ToList();
        unused.ShouldBeEmpty($"recorded request values that {type.Name} has no property for");
        segments.ShouldBeEmpty($"path segments that {type.Name} has no property for");
        return request;
    }

    private static Queue<string> PathSegmentsAfterToken(string url)
    {
        var path = url.Split('?')[0].Split('/');
        var token = Array.FindIndex(path, s => s.StartsWith("{{", StringComparison.Ordinal) && s.EndsWith("}}", StringComparison.Ordinal) && s.Contains("Token", StringComparison.Ordinal));
        return new Queue<string>(token < 0 ? [] : path[(token + 1)..].Select(Uri.UnescapeDataString));
    }

    private static string Normalize(string name) => new(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    private static object? Convert(object value, Type type, string property)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target.IsInstanceOfType(value))
        {
            return value;
        }

        var text = value as string ?? throw new InvalidCastException($"{property}: cannot use a {value.GetType().Name} as {type.Name}");
        return target == typeof(string) ? text
            : target == typeof(long) ? long.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture)
            : target == typeof(int) ? int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture)
            : target == typeof(double) ? double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)
            : target == typeof(bool) ? bool.Parse(text)
            : throw new InvalidCastException($"{property}: no conversion from text to {type.Name}");
    }

    private static void Write(Utf8JsonWriter writer, Type type, object? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        var list = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? type.GetGenericArguments()[0] : null;
        if (list is not null)
        {
            writer.WriteStartArray();
            foreach (var item in (System.Collections.IEnumerable)value)
            {
                Write(writer, list, item);
            }

            writer.WriteEndArray();
            return;
        }

        var converter = type.Assembly.GetType(type.FullName + "JsonConverter")
            ?? throw new MissingMemberException($"{type.Name} has no generated converter {type.Name}JsonConverter");
        var write = converter.GetMethod("WriteValue", BindingFlags.Public | BindingFlags.Static, [typeof(Utf8JsonWriter), type])
            ?? throw new MissingMethodException($"{converter.Name} has no WriteValue(Utf8JsonWriter, {type.Name})");
        write.Invoke(null, [writer, value]);
    }
}
