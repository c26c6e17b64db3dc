using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using GreenApi.Generator.Model;
using static GreenApi.Generator.Emit.CodeNames;

namespace GreenApi.Generator.Emit;

/// <summary>Emits the method descriptors, the client sections and the two clients.</summary>
internal static class ClientEmitter
{
    private const string Task = "global::System.Threading.Tasks.Task";
    private const string CancellationToken = "global::System.Threading.CancellationToken";
    private const string Transport = "global::GreenApi.GreenApiTransport";

    public static IEnumerable<(string HintName, string Source)> Emit(ClientSpec client)
    {
        yield return ("GreenApiMethods.g.cs", EmitDescriptors(client));
        var sections = client.Operations.Where(o => o.Section != "Partner").GroupBy(o => o.Section).OrderBy(g => g.Key, System.StringComparer.Ordinal).ToList();
        foreach (var section in sections)
        {
            yield return ($"{section.Key}Api.g.cs", EmitSection(section.Key, section.ToList(), client.NotificationSource is { } source && source.Section == section.Key ? source : null));
        }

        if (sections.Count > 0)
        {
            yield return ("GreenApiClient.g.cs", EmitClient(sections.Select(s => s.Key).ToList()));
        }

        var partner = client.Operations.Where(o => o.Section == "Partner").ToList();
        if (partner.Count > 0)
        {
            yield return ("GreenApiPartnerClient.g.cs", EmitPartnerClient(partner));
        }

        if (sections.Count > 0 || partner.Count > 0)
        {
            yield return ("GreenApiServiceCollectionExtensions.g.cs", EmitServiceCollectionExtensions(sections.Count > 0, partner.Count > 0, client.NotificationSource));
        }
    }

    private static string EmitDescriptors(ClientSpec client)
    {
        var w = new SourceWriter();
        w.Line("namespace GreenApi;");
        w.Line();
        w.Doc("The descriptor of every method in the spec: what the runtime needs to send, limit and retry a call.");
        w.Line(SourceWriter.GeneratedCode);
        w.Open("public static partial class GreenApiMethods");
        // Static initializers run in text order: the standard errors and every fallback target come
        // before the descriptors that refer to them.
        w.Doc("The standard errors of every method (docs 1.3.11) and what to do about each.");
        w.Line("public static global::System.Collections.Generic.IReadOnlyList<global::GreenApi.GreenApiErrorPolicy> StandardErrors { get; } =");
        w.Line("[");
        foreach (var error in client.StandardErrors)
        {
            w.Line("    " + Policy(error) + ",");
        }

        w.Line("];");
        w.Line();
        var fallbackTargets = new HashSet<string>(client.Operations.Select(o => o.Fallback).OfType<string>(), System.StringComparer.Ordinal);
        foreach (var operation in client.Operations.OrderBy(o => fallbackTargets.Contains(o.MethodName) ? 0 : 1))
        {
            w.Doc($"<c>{operation.Name}</c>: {SourceWriter.Text(operation.Summary ?? operation.MethodName)}");
            w.Line($"public static global::GreenApi.GreenApiMethod {operation.MethodName} {{ get; }} = new({SourceWriter.Literal(operation.Name)}, {SourceWriter.Literal(operation.Section)}, global::System.Net.Http.HttpMethod.{Verb(operation.Verb)}, global::GreenApi.GreenApiHost.{operation.Host})");
            w.Line("{");
            if (operation.WebSocket)
            {
                w.Line("    Transport = global::GreenApi.GreenApiTransportKind.WebSocket,");
            }

            if (operation.RequestsPerSecond is { } rate)
            {
                w.Line($"    RequestsPerSecond = {rate},");
            }

            if (operation.Quota is { } quota)
            {
                w.Line($"    Quota = new global::GreenApi.GreenApiQuota({Number(quota.Developer)}, {Number(quota.Business)}),");
            }

            if (operation.ResponseNullable)
            {
                w.Line("    ResponseMayBeNull = true,");
            }

            if (operation.Correspondent is { } correspondent)
            {
                w.Line($"    CorrespondentField = {SourceWriter.Literal(correspondent)},");
            }

            if (operation.Fallback is { } fallback)
            {
                w.Line($"    Fallback = {fallback},");
                w.Line($"    FallbackInterval = global::System.TimeSpan.FromMilliseconds({operation.FallbackIntervalMilliseconds}),");
            }

            if (operation.Errors.Count > 0)
            {
                w.Line("    Errors =");
                w.Line("    [");
                foreach (var error in operation.Errors)
                {
                    w.Line("        " + Policy(error) + ",");
                }

                w.Line("        .. StandardErrors,");
                w.Line("    ],");
            }
            else
            {
                w.Line("    Errors = StandardErrors,");
            }

            w.Line("};");
            w.Line();
        }

        w.Doc("Every method, in the order of the spec's sections.");
        w.Line($"public static global::System.Collections.Generic.IReadOnlyList<global::GreenApi.GreenApiMethod> All {{ get; }} = [{string.Join(", ", client.Operations.Select(o => o.MethodName))}];");
        w.Close();
        return w.ToString();
    }

    private static string EmitSection(string section, List<OperationSpec> operations, NotificationSourceSpec? source)
    {
        var w = new SourceWriter();
        w.Line("namespace GreenApi;");
        w.Line();
        w.Doc(
            $"The methods of the docs section {section}.",
            source is null ? null : $"It is the instance's notification queue as well: hand it to <see cref=\"global::GreenApi.Receiving.GreenApiPollingReceiver{{TNotification}}\"/> to receive <see cref=\"{Type(source.BodyType)}\"/> at least once.");
        w.Line(SourceWriter.GeneratedCode);
        w.Open(source is null ? $"public sealed partial class {section}Api" : $"public sealed partial class {section}Api : {NotificationSource(source)}");
        w.Line($"private readonly {Transport} _transport;");
        w.Line();
        w.Line($"internal {section}Api({Transport} transport) => _transport = transport;");
        foreach (var operation in operations)
        {
            w.Line();
            EmitMethod(w, operation);
        }

        if (source is not null)
        {
            w.Line();
            EmitNotificationSource(w, source, operations.First(o => o.MethodName == source.DeleteMethod));
        }

        w.Close();
        return w.ToString();
    }

    private static string NotificationSource(NotificationSourceSpec source) => $"global::GreenApi.Receiving.IGreenApiNotificationSource<{Type(source.BodyType)}>";

    private static void EmitNotificationSource(SourceWriter w, NotificationSourceSpec source, OperationSpec delete)
    {
        var received = $"global::GreenApi.Receiving.GreenApiReceivedNotification<{Type(source.BodyType)}>";
        w.Line("/// <inheritdoc />");
        w.Open($"{Task}<{received}?> {NotificationSource(source)}.ReceiveAsync(int? receiveTimeoutSeconds, {CancellationToken} cancellationToken)");
        w.Line($"var call = new global::GreenApi.GreenApiCall(global::GreenApi.GreenApiMethods.{source.ReceiveMethod})");
        w.Line("{");
        if (source.TimeoutWire is { } timeout)
        {
            w.Line($"    Query = [new({SourceWriter.Literal(timeout)}, receiveTimeoutSeconds?.ToString(global::System.Globalization.CultureInfo.InvariantCulture))],");
        }

        w.Line("};");
        w.Line($"return _transport.ReceiveNotificationAsync(call, {SourceWriter.Literal(source.ReceiptWire)}, {SourceWriter.Literal(source.BodyWire)}, {Converter(source.BodyType)}.ReadValue, cancellationToken);");
        w.Close();
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Open($"{Task} {NotificationSource(source)}.DeleteAsync(long receiptId, {CancellationToken} cancellationToken)");
        w.Line($"var call = new global::GreenApi.GreenApiCall(global::GreenApi.GreenApiMethods.{delete.MethodName})");
        w.Line("{");
        w.Line("    PathSegments = [receiptId.ToString(global::System.Globalization.CultureInfo.InvariantCulture)],");
        w.Line("};");
        w.Line("return _transport.SendAsync(call, cancellationToken);");
        w.Close();
    }

    private static string EmitServiceCollectionExtensions(bool instances, bool partner, NotificationSourceSpec? source)
    {
        const string Services = "global::Microsoft.Extensions.DependencyInjection.IServiceCollection";
        const string Hosting = "global::GreenApi.Hosting.GreenApiHosting";
        const string Builder = "global::GreenApi.Hosting.GreenApiInstanceBuilder<global::GreenApi.GreenApiClient>";
        var w = new SourceWriter();
        w.Line("namespace Microsoft.Extensions.DependencyInjection;");
        w.Line();
        w.Doc("Registers the generated Green API clients with dependency injection.");
        w.Line(SourceWriter.GeneratedCode);
        w.Open("public static partial class GreenApiServiceCollectionExtensions");
        if (instances)
        {
            w.Doc(
                "Registers <see cref=\"global::GreenApi.GreenApiClient\"/> for one instance, on <c>IHttpClientFactory</c>, with the options validated when the client is first resolved.",
                "Resolve the client directly, or by name from <see cref=\"global::GreenApi.Hosting.IGreenApiClientFactory{TClient}\"/> when several instances are registered.");
            w.Line($"public static {Builder} AddGreenApi(this {Services} services, global::System.Action<global::GreenApi.GreenApiClientOptions> configure) =>");
            w.Line("    AddGreenApi(services, global::Microsoft.Extensions.Options.Options.DefaultName, configure);");
            w.Line();
            w.Doc("Registers a named instance (for hosts that serve several); resolve it from <see cref=\"global::GreenApi.Hosting.IGreenApiClientFactory{TClient}\"/>.");
            w.Line($"public static {Builder} AddGreenApi(this {Services} services, string name, global::System.Action<global::GreenApi.GreenApiClientOptions> configure) =>");
            w.Line($"    {Hosting}.AddInstance(services, name, configure, static transport => new global::GreenApi.GreenApiClient(transport));");
        }

        if (source is not null)
        {
            var body = Type(source.BodyType);
            w.Line();
            w.Doc(
                $"Runs a polling receiver for this instance as a hosted service: each <see cref=\"{body}\"/> is handed to <paramref name=\"handler\"/> and deleted from the queue only after the handler succeeds.",
                "A handler that keeps failing is retried a bounded number of times; the notification then goes to the dead-letter callback and is deleted, so one bad notification never blocks the queue.");
            w.Line($"public static {Builder} AddPollingReceiver(this {Builder} builder, global::System.Func<{body}, {CancellationToken}, {Task}> handler, global::System.Action<global::GreenApi.Receiving.GreenApiPollingReceiverOptions<{body}>>? configure = null) =>");
            w.Line($"    {Hosting}.AddPollingReceiver(builder, static client => client.{source.Section}, handler, configure);");
        }

        if (partner)
        {
            w.Line();
            w.Doc("Registers <see cref=\"global::GreenApi.GreenApiPartnerClient\"/> on <c>IHttpClientFactory</c>, with the options validated when the client is first resolved.");
            w.Line($"public static {Services} AddGreenApiPartner(this {Services} services, global::System.Action<global::GreenApi.GreenApiPartnerClientOptions> configure) =>");
            w.Line($"    {Hosting}.AddPartner(services, configure, static transport => new global::GreenApi.GreenApiPartnerClient(transport));");
        }

        w.Close();
        return w.ToString();
    }

    private static string EmitClient(List<string> sections)
    {
        var w = new SourceWriter();
        w.Line("namespace GreenApi;");
        w.Line();
        w.Doc(
            "The Green API client for one instance: one property per docs section, one method per API method.",
            "Calls go through <see cref=\"global::GreenApi.GreenApiTransport\"/>, which builds each URL from the method's descriptor. The token never appears in an exception message or <c>ToString()</c>.");
        w.Line(SourceWriter.GeneratedCode);
        w.Open("public sealed partial class GreenApiClient : global::System.IDisposable");
        w.Line($"private readonly {Transport} _transport;");
        w.Line("private readonly bool _ownsTransport;");
        w.Line();
        w.Doc("A client with its own HTTP connection pool.");
        w.Line("public GreenApiClient(global::GreenApi.GreenApiClientOptions options)");
        w.Line($"    : this(new {Transport}(options), ownsTransport: true)");
        w.Line("{");
        w.Line("}");
        w.Line();
        w.Doc("A client on an <c>HttpClient</c> the caller owns (from <c>IHttpClientFactory</c>, for example).");
        w.Line("public GreenApiClient(global::GreenApi.GreenApiClientOptions options, global::System.Net.Http.HttpClient httpClient)");
        w.Line($"    : this(new {Transport}(options, httpClient), ownsTransport: true)");
        w.Line("{");
        w.Line("}");
        w.Line();
        w.Doc("A client on a transport the caller owns.");
        w.Line($"public GreenApiClient({Transport} transport)");
        w.Line("    : this(transport, ownsTransport: false)");
        w.Line("{");
        w.Line("}");
        w.Line();
        w.Open($"private GreenApiClient({Transport} transport, bool ownsTransport)");
        w.Line("_transport = transport ?? throw new global::System.ArgumentNullException(nameof(transport));");
        w.Line("_ownsTransport = ownsTransport;");
        foreach (var section in sections)
        {
            w.Line($"{section} = new global::GreenApi.{section}Api(transport);");
        }

        w.Close();
        foreach (var section in sections)
        {
            w.Line();
            w.Doc($"The methods of the docs section {section}.");
            w.Line($"public global::GreenApi.{section}Api {section} {{ get; }}");
        }

        w.Line();
        w.Doc(
            "Downloads a file by its link (the <c>downloadUrl</c> of a notification or of downloadFile), streaming it into <paramref name=\"destination\"/>.",
            "<paramref name=\"progress\"/> receives the bytes written so far. The link is a storage URL and carries no token.");
        w.Line("/// <returns>The number of bytes written.</returns>");
        w.Line("public global::System.Threading.Tasks.Task<long> DownloadAsync(global::System.Uri url, global::System.IO.Stream destination, global::System.IProgress<long>? progress = null, global::System.Threading.CancellationToken cancellationToken = default) =>");
        w.Line("    _transport.DownloadAsync(url, destination, progress, cancellationToken);");
        w.Line();
        EmitDispose(w);
        w.Close();
        return w.ToString();
    }

    private static string EmitPartnerClient(List<OperationSpec> operations)
    {
        var w = new SourceWriter();
        w.Line("namespace GreenApi;");
        w.Line();
        w.Doc("The partner API client: create, list and delete instances with a partner token.");
        w.Line(SourceWriter.GeneratedCode);
        w.Open("public sealed partial class GreenApiPartnerClient : global::System.IDisposable");
        w.Line($"private readonly {Transport} _transport;");
        w.Line("private readonly bool _ownsTransport;");
        w.Line();
        w.Doc("A partner client with its own HTTP connection pool.");
        w.Line("public GreenApiPartnerClient(global::GreenApi.GreenApiPartnerClientOptions options)");
        w.Line($"    : this(new {Transport}(options), ownsTransport: true)");
        w.Line("{");
        w.Line("}");
        w.Line();
        w.Doc("A partner client on an <c>HttpClient</c> the caller owns.");
        w.Line("public GreenApiPartnerClient(global::GreenApi.GreenApiPartnerClientOptions options, global::System.Net.Http.HttpClient httpClient)");
        w.Line($"    : this(new {Transport}(options, httpClient), ownsTransport: true)");
        w.Line("{");
        w.Line("}");
        w.Line();
        w.Doc("A partner client on a transport the caller owns.");
        w.Line($"public GreenApiPartnerClient({Transport} transport)");
        w.Line("    : this(transport, ownsTransport: false)");
        w.Line("{");
        w.Line("}");
        w.Line();
        w.Open($"private GreenApiPartnerClient({Transport} transport, bool ownsTransport)");
        w.Line("_transport = transport ?? throw new global::System.ArgumentNullException(nameof(transport));");
        w.Line("_ownsTransport = ownsTransport;");
        w.Close();
        foreach (var operation in operations)
        {
            w.Line();
            EmitMethod(w, operation);
        }

        w.Line();
        EmitDispose(w);
        w.Close();
        return w.ToString();
    }

    private static void EmitDispose(SourceWriter w)
    {
        w.Doc("Releases the transport when the client created it.");
        w.Open("public void Dispose()");
        w.Open("if (_ownsTransport)");
        w.Line("_transport.Dispose();");
        w.Close();
        w.Close();
    }

    private static void EmitMethod(SourceWriter w, OperationSpec operation)
    {
        var remarks = new List<string>();
        if (operation.Description is { } description)
        {
            remarks.Add(description.Trim());
        }

        var limits = new List<string>();
        if (operation.RequestsPerSecond is { } rate)
        {
            limits.Add($"Rate limit: {rate} requests per second.");
        }

        if (operation.Quota is { } quota)
        {
            limits.Add($"Monthly quota: {QuotaText(quota.Developer)} on Developer, {QuotaText(quota.Business)} on Business.");
        }

        if (operation.DocsReference is { } docs)
        {
            limits.Add($"Docs: {docs}.");
        }

        if (limits.Count > 0)
        {
            remarks.Add(string.Join(" ", limits));
        }

        w.Doc(SourceWriter.Text(operation.Summary ?? operation.Name), SourceWriter.Text(string.Join("\n\n", remarks)));
        var hasRequest = operation.RequestKind != RequestKind.None;
        if (hasRequest)
        {
            w.Line($"/// <param name=\"request\">The request.</param>");
        }

        w.Line("/// <param name=\"cancellationToken\">Cancels the call.</param>");
        var parameters = (hasRequest ? $"{Type(operation.RequestType!)} request, " : "") + $"{CancellationToken} cancellationToken = default";
        var call = $"new global::GreenApi.GreenApiCall(global::GreenApi.GreenApiMethods.{operation.MethodName})";
        var response = operation.Response;
        if (operation.WebSocket)
        {
            w.Line("/// <returns>The messages of the websocket, until the service closes it.</returns>");
            w.Line($"public global::System.Collections.Generic.IAsyncEnumerable<{ResponseType(operation)}> {operation.MethodName}Async({parameters})");
            w.Line("{");
            w.Line($"    return _transport.StreamAsync({call}, {ResponseReader(operation)}, cancellationToken);");
            w.Line("}");
            return;
        }

        w.Line(response is null
            ? "/// <returns>Completes when the service has accepted the call.</returns>"
            : operation.ResponseNullable
                ? "/// <returns>The answer, or <see langword=\"null\"/> when the service answers <c>null</c>.</returns>"
                : "/// <returns>The answer.</returns>");
        w.Line("/// <exception cref=\"global::GreenApi.GreenApiException\">The service answered with an error.</exception>");
        w.Line("/// <exception cref=\"global::GreenApi.GreenApiDecodeException\">The answer could not be decoded.</exception>");
        var returns = response is null ? Task : $"{Task}<{ResponseType(operation)}>";
        w.Open($"public {returns} {operation.MethodName}Async({parameters})");
        if (hasRequest)
        {
            w.Line("global::System.ArgumentNullException.ThrowIfNull(request);");
        }

        switch (operation.RequestKind)
        {
            case RequestKind.Json:
                w.Line($"var call = {call}");
                w.Line("{");
                w.Line($"    JsonBody = {Json}.SerializeToUtf8Bytes(request, {Converter(operation.RequestType!)}.WriteValue),");
                w.Line("};");
                break;
            case RequestKind.Form:
                EmitForm(w, operation, call);
                break;
            case RequestKind.Parameters:
                EmitParameters(w, operation, call);
                break;
            default:
                w.Line($"var call = {call};");
                break;
        }

        w.Line(response is null
            ? "return _transport.SendAsync(call, cancellationToken);"
            : $"return _transport.SendAsync(call, {ResponseReader(operation)}, cancellationToken);");
        w.Close();
    }

    private static void EmitForm(SourceWriter w, OperationSpec operation, string call)
    {
        w.Line("var form = new global::System.Collections.Generic.List<global::GreenApi.GreenApiFormPart>();");
        for (var i = 0; i < operation.RequestProperties.Count; i++)
        {
            var property = operation.RequestProperties[i];
            var part = property.Type.Kind == TypeRefKind.File
                ? $"global::GreenApi.GreenApiFormPart.FromFile({SourceWriter.Literal(property.WireName)}, {{0}})"
                : $"global::GreenApi.GreenApiFormPart.FromText({SourceWriter.Literal(property.WireName)}, {Format(property.Type, "{0}")})";
            if (property.Required && !property.Nullable)
            {
                w.Line($"form.Add({string.Format(CultureInfo.InvariantCulture, part, "request." + property.Name)});");
            }
            else
            {
                var local = "f" + i.ToString(CultureInfo.InvariantCulture);
                w.Open($"if (request.{property.Name} is {{ }} {local})");
                w.Line($"form.Add({string.Format(CultureInfo.InvariantCulture, part, local)});");
                w.Close();
            }
        }

        w.Line($"var call = {call}");
        w.Line("{");
        w.Line("    Form = form,");
        w.Line("};");
    }

    private static void EmitParameters(SourceWriter w, OperationSpec operation, string call)
    {
        w.Line($"var call = {call}");
        w.Line("{");
        foreach (var group in operation.RequestProperties.GroupBy(p => p.Location))
        {
            switch (group.Key)
            {
                case PropertyLocation.Body:
                    w.Line($"    FileBody = request.{group.First().Name},");
                    break;
                case PropertyLocation.Path:
                    w.Line($"    PathSegments = [{string.Join(", ", group.Select(p => Format(p.Type, "request." + p.Name)))}],");
                    break;
                case PropertyLocation.Query or PropertyLocation.Header:
                    var items = group.Select(p => p.Required && !p.Nullable
                        ? $"new({SourceWriter.Literal(p.WireName)}, {Format(p.Type, "request." + p.Name)})"
                        : $"new({SourceWriter.Literal(p.WireName)}, request.{p.Name} is {{ }} {Camel(p.Name)} ? {Format(p.Type, Camel(p.Name))} : null)");
                    w.Line($"    {(group.Key == PropertyLocation.Query ? "Query" : "Headers")} = [{string.Join(", ", items)}],");
                    break;
            }
        }

        w.Line("};");
    }

    private static string ResponseType(OperationSpec operation) =>
        CodeNames.Of(operation.Response!) + (operation.ResponseNullable ? "?" : "");

    private static string ResponseReader(OperationSpec operation)
    {
        var response = operation.Response!;
        if (!operation.ResponseNullable && response.Kind is TypeRefKind.Record or TypeRefKind.Union)
        {
            return Converter(response.Name!) + ".ReadValue";
        }

        var read = Read(response, "reader");
        return operation.ResponseNullable
            ? $"static {ResponseType(operation)} (ref {Reader} reader) => reader.TokenType == global::System.Text.Json.JsonTokenType.Null ? null : {read}"
            : $"static {ResponseType(operation)} (ref {Reader} reader) => {read}";
    }

    private static string Policy(ErrorPolicySpec error)
    {
        var arguments = new List<string>
        {
            error.Status.ToString(CultureInfo.InvariantCulture),
            SourceWriter.Literal(error.Text),
            SourceWriter.Literal(error.Pattern),
            SourceWriter.Literal(error.Description),
            "global::GreenApi.GreenApiErrorAction." + Parsing.SpecNames.Pascal(error.Action),
        };
        if (error.MaxAttempts is { } attempts)
        {
            arguments.Add("MaxAttempts: " + attempts.ToString(CultureInfo.InvariantCulture));
        }

        if (error.DelayMilliseconds is { } delay)
        {
            arguments.Add("DelayMilliseconds: " + delay.ToString(CultureInfo.InvariantCulture));
        }

        if (error.Backoff is { } backoff)
        {
            arguments.Add("Backoff: " + SourceWriter.Literal(backoff));
        }

        if (error.HonourRetryAfter)
        {
            arguments.Add("HonourRetryAfter: true");
        }

        if (error.Escalation is { } escalation)
        {
            arguments.Add("Escalation: global::GreenApi.GreenApiErrorAction." + Parsing.SpecNames.Pascal(escalation));
        }

        return $"new global::GreenApi.GreenApiErrorPolicy({string.Join(", ", arguments)})";
    }

    private static string Verb(string verb) => verb switch
    {
        "GET" => "Get",
        "POST" => "Post",
        "PUT" => "Put",
        "DELETE" => "Delete",
        _ => "Patch",
    };

    private static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "null";

    private static string QuotaText(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "unlimited";

    private static string Camel(string pascal) => "q" + pascal;
}
