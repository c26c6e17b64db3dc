using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GreenApi.Sandbox;

/// <summary>One webhook delivery attempt the sandbox made.</summary>
/// <param name="IdInstance">The instance whose notification it was.</param>
/// <param name="Body">The notification.</param>
/// <param name="Status">The endpoint's HTTP status, or 0 when it gave no answer.</param>
public sealed record SandboxWebhookAttempt(long IdInstance, JsonObject Body, int Status);

/// <summary>
/// An offline Green API on Kestrel (127.0.0.1), driven by the spec it embeds: every method of the
/// spec, matched case-insensitively, with the service's checks and errors in the service's order —
/// verb and method (404), credentials (401/403), instance state, body size (500), JSON (400),
/// validation against the request schema (400, the docs' messages), per-method rate limits (429),
/// Developer-tariff quotas (466) — then state that behaves. Start it in-process with
/// <see cref="StartAsync"/>, or standalone with <c>dotnet run --project runtime/GreenApi.Sandbox.Server</c>.
/// </summary>
public sealed class GreenApiSandbox : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<long, SandboxInstance> instances = new();
    private readonly ConcurrentDictionary<string, SandboxFile> files = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<SandboxWebhookAttempt> webhookAttempts = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly SandboxValidator validator;
    private readonly IReadOnlyDictionary<string, SandboxHandler> handlers;
    private readonly ILogger logger;
    private readonly ConcurrentDictionary<int, AnswerCount> answers = new();

    private GreenApiSandbox(WebApplication app, GreenApiSandboxOptions options, ILogger logger)
    {
        this.app = app;
        this.logger = logger;
        Options = options;
        Spec = SandboxSpec.Current;
        validator = new SandboxValidator(Spec);
        handlers = SandboxHandlers.Build(Spec);
        Ids = new SandboxIds(0x1000);
        WebhookClient = new HttpClient(new SocketsHttpHandler { UseProxy = false, ActivityHeadersPropagator = null }) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The address of the sandbox: use it as both <c>ApiUrl</c> and <c>MediaUrl</c>.</summary>
    public Uri Url { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The partner token the partner methods accept.</summary>
    public string PartnerToken => Options.PartnerToken;

    /// <summary>Faults applied to every instance's methods (and partner methods).</summary>
    public SandboxFaults Faults { get; } = new();

    /// <summary>Every instance, by id.</summary>
    public IReadOnlyCollection<SandboxInstance> Instances => instances.Values.ToList();

    /// <summary>
    /// How many API calls (instance and partner methods; not the simulation API or file downloads) the
    /// sandbox answered with each HTTP status, e.g. <c>Answers[429]</c> for the rate-limited ones. A call
    /// whose connection was dropped (a <see cref="SandboxFault"/> with <c>Drop</c>) got no answer and is not counted.
    /// </summary>
    public IReadOnlyDictionary<int, long> Answers => answers.ToDictionary(a => a.Key, a => Interlocked.Read(ref a.Value.Count));

    /// <summary>Every webhook delivery attempt so far, in order.</summary>
    public IReadOnlyList<SandboxWebhookAttempt> WebhookAttempts => webhookAttempts.ToList();

    internal GreenApiSandboxOptions Options { get; }

    internal SandboxSpec Spec { get; }

    internal TimeProvider Time => Options.TimeProvider;

    internal SandboxIds Ids { get; }

    internal HttpClient WebhookClient { get; }

    internal CancellationToken Stopping => stopping.Token;

    internal long UnixNow => Time.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>Starts a sandbox on 127.0.0.1 (on <see cref="GreenApiSandboxOptions.Port"/>, 0 for any free port).</summary>
    public static async Task<GreenApiSandbox> StartAsync(GreenApiSandboxOptions? options = null, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        options ??= new GreenApiSandboxOptions();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = null;
            k.AllowSynchronousIO = false;
        });
        var app = builder.Build();
        app.Urls.Add($"http://127.0.0.1:{options.Port.ToString(CultureInfo.InvariantCulture)}");
        app.UseWebSockets();
        var logger = (loggerFactory ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance).CreateLogger("GreenApi.Sandbox");
        var sandbox = new GreenApiSandbox(app, options, logger);
        app.Run(sandbox.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        sandbox.Url = new Uri(address.TrimEnd('/') + "/");
        return sandbox;
    }

    /// <summary>
    /// Creates an instance. With no arguments: the next free id, a random token, the Business tariff, not
    /// yet authorized (call <see cref="SandboxInstance.Authorize"/> or scan the QR through the API).
    /// </summary>
    public SandboxInstance CreateInstance(long? idInstance = null, string? apiToken = null, GreenApiTariff tariff = GreenApiTariff.Business, bool authorized = false, string? name = null)
    {
        var id = idInstance ?? 1101000000 + instances.Count + 1;
        while (idInstance is null && instances.ContainsKey(id))
        {
            id++;
        }

        var phone = "7900" + (id % 10_000_000).ToString("D7", CultureInfo.InvariantCulture);
        var instance = new SandboxInstance(this, id, apiToken ?? NewToken(), tariff, phone, name ?? "Sandbox " + id.ToString(CultureInfo.InvariantCulture));
        if (!instances.TryAdd(id, instance))
        {
            throw new InvalidOperationException($"instance {id} already exists in this sandbox");
        }

        if (authorized)
        {
            // Created already authorized: nothing changed, so no stateInstanceChanged is sent.
            instance.StartAs(SandboxStates.Authorized);
        }

        return instance;
    }

    /// <summary>The instance with this id.</summary>
    public SandboxInstance Instance(long idInstance) =>
        instances.TryGetValue(idInstance, out var i) ? i : throw new KeyNotFoundException($"the sandbox has no instance {idInstance}");

    /// <summary>Client options that point at this sandbox and instance.</summary>
    public GreenApiClientOptions ClientOptions(SandboxInstance instance) => new()
    {
        ApiUrl = Url,
        MediaUrl = Url,
        IdInstance = instance.IdInstance,
        ApiTokenInstance = instance.ApiTokenInstance,
    };

    /// <summary>Partner client options that point at this sandbox.</summary>
    public GreenApiPartnerClientOptions PartnerOptions() => new() { ApiUrl = Url, PartnerToken = PartnerToken };

    /// <summary>Stores a file and returns its download URL (as uploadFile would).</summary>
    public Uri StoreFile(string fileName, string contentType, byte[] content)
    {
        var file = new SandboxFile(Ids.Number().ToString("x", CultureInfo.InvariantCulture), fileName, contentType, content);
        files[file.Id] = file;
        return FileUrl(file);
    }

    internal Uri FileUrl(SandboxFile file) => new(Url, $"files/{file.Id}/{Uri.EscapeDataString(file.FileName)}");

    internal SandboxFile Store(SandboxFile file)
    {
        files[file.Id] = file;
        return file;
    }

    internal SandboxFile? FileAt(string? url)
    {
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || !Url.IsBaseOf(uri))
        {
            return null;
        }

        var parts = uri.AbsolutePath.Trim('/').Split('/');
        return parts.Length >= 2 && parts[0] == "files" && files.TryGetValue(parts[1], out var f) ? f : null;
    }

    internal void RemoveInstance(long id) => instances.TryRemove(id, out _);

    internal void RecordWebhook(SandboxInstance instance, JsonObject body, int status) =>
        webhookAttempts.Enqueue(new SandboxWebhookAttempt(instance.IdInstance, body, status));

    internal void Log(string message) => logger.LogInformation("{Message}", message);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        WebhookClient.Dispose();
        stopping.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() => $"Green API sandbox at {Url} ({instances.Count} instances)";

    private static string NewToken() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(25));

    private async Task HandleAsync(HttpContext context)
    {
        var segments = (context.Request.Path.Value ?? "").Trim('/').Split('/');
        try
        {
            if (segments[0] == "sandbox")
            {
                await SandboxSimulationApi.HandleAsync(this, context, segments[1..]).ConfigureAwait(false);
                return;
            }

            if (segments[0] == "files" && segments.Length >= 2)
            {
                await ServeFileAsync(context, segments[1]).ConfigureAwait(false);
                return;
            }

            // Counted as the answer's headers go out, so a caller that has the answer sees it counted.
            context.Response.OnStarting(static state =>
            {
                var (sandbox, response) = ((GreenApiSandbox, HttpResponse))state;
                sandbox.answers.GetOrAdd(response.StatusCode, static _ => new AnswerCount()).Increment();
                return Task.CompletedTask;
            }, (this, context.Response));
            await HandleMethodAsync(context, segments).ConfigureAwait(false);
        }
        catch (SandboxError e)
        {
            await WriteErrorAsync(context, e).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested || stopping.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // A defect of the sandbox itself: say so plainly rather than imitate a service error.
            logger.LogError(e, "The sandbox failed on {Path}", Redact(context.Request.Path.Value));
            UnhandledErrors.Enqueue(e);
            await WriteErrorAsync(context, new SandboxError(500, "Internal Server Error (sandbox defect: " + e.GetType().Name + ": " + e.Message + ")")).ConfigureAwait(false);
        }
    }

    private sealed class AnswerCount
    {
        public long Count;

        public void Increment() => Interlocked.Increment(ref Count);
    }

    /// <summary>Exceptions the sandbox's own code threw while answering (a test asserts there are none).</summary>
    internal ConcurrentQueue<Exception> UnhandledErrors { get; } = new();

    /// <summary>A request path with its token segment replaced, for logs.</summary>
    private static string Redact(string? path)
    {
        var parts = (path ?? "").Split('/');
        if (parts.Length > 3 && (parts[1].StartsWith("waInstance", StringComparison.Ordinal) || parts[1] == "partner"))
        {
            parts[3] = "***";
        }

        return string.Join('/', parts);
    }

    private async Task HandleMethodAsync(HttpContext context, string[] segments)
    {
        if (HttpMethods.IsOptions(context.Request.Method))
        {
            context.Response.StatusCode = 204;
            return;
        }

        string methodName, token;
        long? id = null;
        string[] rest;
        if (segments.Length >= 3 && segments[0].StartsWith("waInstance", StringComparison.Ordinal)
            && long.TryParse(segments[0].AsSpan("waInstance".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var parsedId))
        {
            (id, methodName, token, rest) = (parsedId, segments[1], Uri.UnescapeDataString(segments[2]), segments[3..]);
        }
        else if (segments.Length >= 3 && segments[0] == "partner")
        {
            (methodName, token, rest) = (segments[1], Uri.UnescapeDataString(segments[2]), segments[3..]);
        }
        else
        {
            throw Standard("NotFound");
        }

        var method = Spec.Find(methodName);
        if (method is null || method.IsPartner != (id is null))
        {
            throw Standard("NotFound");
        }

        var isWebSocket = method.IsWebSocket && context.WebSockets.IsWebSocketRequest;
        if (!isWebSocket && !string.Equals(context.Request.Method, method.Verb, StringComparison.OrdinalIgnoreCase))
        {
            throw Standard("NotFound");
        }

        SandboxInstance? instance = null;
        if (id is null)
        {
            if (!FixedTimeEquals(token, PartnerToken))
            {
                throw Standard("Unauthorized");
            }
        }
        else
        {
            if (!instances.TryGetValue(id.Value, out instance))
            {
                throw Standard("Forbidden");
            }

            if (!FixedTimeEquals(token, instance.ApiTokenInstance))
            {
                throw Standard("Unauthorized");
            }
        }

        if (await ApplyFaultAsync(context, method, instance).ConfigureAwait(false))
        {
            return;
        }

        if (instance is not null)
        {
            CheckInstance(instance, method);
        }

        var call = await ReadCallAsync(context, method, instance, rest).ConfigureAwait(false);
        if (instance is not null)
        {
            CheckRateLimit(context, instance, method);
            CheckState(instance, method);
            CheckQuota(instance, method, call);
        }

        if (isWebSocket)
        {
            await SandboxHandlers.ScanQrCodeAsync(call).ConfigureAwait(false);
            return;
        }

        if (!handlers.TryGetValue(method.Name, out var handler))
        {
            throw new SandboxError(501, $"the sandbox does not implement {method.Name}");
        }

        var result = await handler(call).ConfigureAwait(false);
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(SandboxJson.Write(result), context.RequestAborted).ConfigureAwait(false);
    }

    private SandboxError Standard(string id)
    {
        var (status, text) = Spec.StandardError(id);
        return new SandboxError(status, text);
    }

    private void CheckInstance(SandboxInstance instance, SandboxMethod method)
    {
        if (instance.Deleted)
        {
            throw Standard("InstanceDeleted");
        }

        if (instance.Expired)
        {
            throw Standard("InstanceExpired");
        }
    }

    /// <summary>
    /// Methods that need the phone (groups, contacts, chats, statuses, read marks, the profile) answer
    /// "not authorized" until the instance is authorized and "starting" while it starts; sending methods
    /// queue (the docs: a queued message is sent once the phone is authorized); account, queue,
    /// receiving and journal methods always answer.
    /// </summary>
    private void CheckState(SandboxInstance instance, SandboxMethod method)
    {
        var needsPhone = method.Operation.Section is "Groups" or "Service" or "Statuses" or "ReadMark"
            || method.Name is "setProfilePicture" or "getDeviceInfo" or "getWaSettings";
        if (!needsPhone)
        {
            return;
        }

        var state = instance.State;
        if (state == SandboxStates.Starting)
        {
            throw Standard("InstanceStarting");
        }

        if (state != SandboxStates.Authorized)
        {
            throw Standard("InstanceNotAuthorized");
        }
    }

    private void CheckRateLimit(HttpContext context, SandboxInstance instance, SandboxMethod method)
    {
        if (!Options.EnforceRateLimits || method.Operation.RequestsPerSecond is not { } perSecond || perSecond <= 0)
        {
            return;
        }

        if (!instance.RateLimits.TryTake(method.Name, perSecond, Time.GetUtcNow(), out var retryAfter))
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            throw Standard("TooManyRequests");
        }
    }

    private void CheckQuota(SandboxInstance instance, SandboxMethod method, SandboxCall call)
    {
        if (instance.Tariff != GreenApiTariff.Developer)
        {
            return;
        }

        var chatId = method.CorrespondentField is { } field ? call.Text(field) : null;
        var month = Time.GetUtcNow().ToString("yyyy-MM", CultureInfo.InvariantCulture);
        if (instance.Quotas.Check(month, method.Name, method.Operation.Quota?.Developer, chatId) is { } body)
        {
            throw new SandboxError(466, "correspondentsStatus", body);
        }
    }

    private async Task<bool> ApplyFaultAsync(HttpContext context, SandboxMethod method, SandboxInstance? instance)
    {
        var fault = instance?.Faults.Take(method.Name) ?? Faults.Take(method.Name);
        if (fault is null)
        {
            return false;
        }

        if (fault.Latency > TimeSpan.Zero)
        {
            await Task.Delay(fault.Latency, Time, context.RequestAborted).ConfigureAwait(false);
        }

        if (fault.Drop)
        {
            context.Abort();
            return true;
        }

        if (fault.Status is { } status)
        {
            var text = fault.Body ?? DefaultText(status);
            throw new SandboxError(status, text);
        }

        return false;
    }

    private string DefaultText(int status) => status switch
    {
        400 => Spec.StandardError("BadRequestData").Text,
        401 => Spec.StandardError("Unauthorized").Text,
        403 => Spec.StandardError("Forbidden").Text,
        429 => Spec.StandardError("TooManyRequests").Text,
        499 => Spec.StandardError("ClientClosedRequest").Text,
        502 => Spec.StandardError("BadGateway").Text,
        _ => status >= 500 ? "Internal Server Error" : "Error",
    };

    private async Task<SandboxCall> ReadCallAsync(HttpContext context, SandboxMethod method, SandboxInstance? instance, string[] rest)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        var pathParameters = method.Parameters.Where(p => p.In == "path").ToList();
        for (var i = 0; i < pathParameters.Count && i < rest.Length; i++)
        {
            parameters[pathParameters[i].Name] = Uri.UnescapeDataString(rest[i]);
        }

        foreach (var (key, value) in context.Request.Query)
        {
            parameters[key] = value.ToString();
        }

        foreach (var p in method.Parameters)
        {
            if (!parameters.TryGetValue(p.Name, out var value))
            {
                if (p.Required)
                {
                    throw SandboxError.Validation($"'{p.Name}' is required");
                }

                continue;
            }

            if (validator.ValidateText(value, p.Schema, p.Name) is { } problem)
            {
                throw SandboxError.Validation(problem);
            }
        }

        var body = new JsonObject();
        SandboxFile? file = null;
        var request = context.Request;
        if (method.JsonBodySchema is not null && !HttpMethods.IsGet(request.Method) && !(method.IsWebSocket && context.WebSockets.IsWebSocketRequest))
        {
            body = await ReadJsonAsync(request, method).ConfigureAwait(false);
        }
        else if (method.FormBodySchema is not null)
        {
            (body, file) = await ReadFormAsync(request, method).ConfigureAwait(false);
        }
        else if (method.RawBody)
        {
            file = await ReadRawAsync(request).ConfigureAwait(false);
        }

        return new SandboxCall { Sandbox = this, Method = method, InstanceOrNull = instance, Body = body, Parameters = parameters, File = file, Http = context };
    }

    private async Task<JsonObject> ReadJsonAsync(HttpRequest request, SandboxMethod method)
    {
        if (request.ContentLength > Options.MaxJsonBytes)
        {
            throw Standard("RequestEntityTooLarge");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > Options.MaxJsonBytes)
            {
                throw Standard("RequestEntityTooLarge");
            }
        }

        var bytes = buffer.ToArray();
        if (bytes.Length == 0)
        {
            if (method.BodyRequired && method.JsonBodySchema is not null)
            {
                throw SandboxError.Validation(validator.Validate(new JsonObject(), method.JsonBodySchema, "") ?? "'value' must be an object");
            }

            return [];
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(bytes);
        }
        catch (JsonException e)
        {
            var position = (int)Math.Min(bytes.Length - 1, e.BytePositionInLine ?? 0);
            var token = position >= 0 && position < bytes.Length ? Encoding.UTF8.GetString(bytes, position, 1) : "";
            throw new SandboxError(400, $"Unexpected token {token} in JSON at position {position}");
        }

        if (validator.Validate(node, method.JsonBodySchema, "") is { } problem)
        {
            throw SandboxError.Validation(problem);
        }

        return node as JsonObject ?? [];
    }

    private async Task<(JsonObject Body, SandboxFile? File)> ReadFormAsync(HttpRequest request, SandboxMethod method)
    {
        if (!request.HasFormContentType)
        {
            throw SandboxError.Validation("'file' is required");
        }

        if (request.ContentLength > Options.MaxFileBytes + 64 * 1024)
        {
            throw Standard("RequestEntityTooLarge");
        }

        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
        var body = new JsonObject();
        foreach (var (key, value) in form)
        {
            body[key] = value.ToString();
        }

        SandboxFile? file = null;
        if (form.Files.FirstOrDefault() is { } part)
        {
            if (part.Length > Options.MaxFileBytes)
            {
                throw Standard("RequestEntityTooLarge");
            }

            using var content = new MemoryStream();
            await part.CopyToAsync(content, request.HttpContext.RequestAborted).ConfigureAwait(false);
            file = new SandboxFile(Ids.Number().ToString("x", CultureInfo.InvariantCulture), part.FileName, part.ContentType ?? "application/octet-stream", content.ToArray());
            body[part.Name] = "(file)";
        }

        // Form fields are text on the wire: check presence and the closed set of fields, not JSON types.
        var schema = Spec.Resolve(method.FormBodySchema) as JsonObject;
        if (schema?["required"] is JsonArray required)
        {
            foreach (var name in required.Select(r => (string)r!))
            {
                if (!body.ContainsKey(name))
                {
                    throw SandboxError.Validation($"'{name}' is required");
                }
            }
        }

        if (Spec.Resolve(schema?["properties"]) is JsonObject properties)
        {
            foreach (var (name, _) in body)
            {
                if (!properties.ContainsKey(name))
                {
                    throw SandboxError.Validation($"'{name}' is not allowed");
                }
            }
        }

        body.Remove(form.Files.FirstOrDefault()?.Name ?? "");
        return (body, file);
    }

    private async Task<SandboxFile> ReadRawAsync(HttpRequest request)
    {
        if (request.ContentLength > Options.MaxFileBytes)
        {
            throw new SandboxError(413, "request entity too large");
        }

        using var content = new MemoryStream();
        await request.Body.CopyToAsync(content, request.HttpContext.RequestAborted).ConfigureAwait(false);
        if (content.Length > Options.MaxFileBytes)
        {
            throw new SandboxError(413, "request entity too large");
        }

        if (content.Length == 0)
        {
            throw new SandboxError(400, "file should not be empty");
        }

        var name = request.Headers["GA-Filename"].ToString();
        var type = request.ContentType ?? "application/octet-stream";
        if (string.IsNullOrEmpty(name))
        {
            name = "file" + SandboxMedia.ExtensionOf(type);
        }

        return new SandboxFile(Ids.Number().ToString("x", CultureInfo.InvariantCulture), name, type, content.ToArray());
    }

    private async Task ServeFileAsync(HttpContext context, string id)
    {
        if (!files.TryGetValue(id, out var file))
        {
            context.Response.StatusCode = 404;
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = file.ContentType;
        context.Response.ContentLength = file.Content.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.Body.WriteAsync(file.Content, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static async Task WriteErrorAsync(HttpContext context, SandboxError error)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.StatusCode = error.Status;
        if (error.Status == 204)
        {
            return;
        }

        context.Response.ContentType = "application/json";
        var body = error.Body ?? new JsonObject { ["code"] = error.Status, ["message"] = error.Text };
        await context.Response.WriteAsync(SandboxJson.Write(body), context.RequestAborted).ConfigureAwait(false);
    }

    private static bool FixedTimeEquals(string given, string expected) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(given)),
            System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
