using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GreenApi.Runtime.Tests.Infrastructure;

/// <summary>One request as the test server saw it.</summary>
public sealed record TestRequest(string Verb, string Path, string Query, string? Instance, string Method, string? Token, IReadOnlyList<string> Rest, byte[] Body, IReadOnlyDictionary<string, string> Headers)
{
    public string BodyText => Encoding.UTF8.GetString(Body);
}

/// <summary>
/// A real Kestrel server on 127.0.0.1 that answers Green API URLs (<c>/waInstance{id}/{method}/{token}/…</c>
/// and <c>/partner/{method}/{token}</c>) with whatever the test's handler decides, including faults:
/// statuses, latency, malformed bodies and dropped connections.
/// </summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestServer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public ConcurrentQueue<TestRequest> Requests { get; } = new();

    public Func<TestRequest, HttpContext, Task> Handler { get; set; } = static (_, context) => Respond(context, 200, "{}");

    public static async Task<TestServer> StartAsync(Func<TestRequest, HttpContext, Task>? handler = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = null);
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        app.UseWebSockets();
        TestServer? server = null;
        app.Run(async context =>
        {
            var request = await ReadAsync(context);
            server!.Requests.Enqueue(request);
            await server.Handler(request, context);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new TestServer(app, new Uri(address));
        if (handler is not null)
        {
            server.Handler = handler;
        }

        return server;
    }

    public GreenApiClientOptions Options(string token = "test-token-0123456789abcdef", long idInstance = 1101000001) => new()
    {
        ApiUrl = Url,
        MediaUrl = Url,
        IdInstance = idInstance,
        ApiTokenInstance = token,
    };

    public static async Task Respond(HttpContext context, int status, string? body, string contentType = "application/json")
    {
        context.Response.StatusCode = status;
        if (body is not null)
        {
            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(body);
        }
    }

    /// <summary>Drops the connection without an answer.</summary>
    public static Task Drop(HttpContext context)
    {
        context.Abort();
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task<TestRequest> ReadAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var segments = (context.Request.Path.Value ?? "").Trim('/').Split('/');
        string? instance = null, method = "", token = null;
        var rest = Array.Empty<string>();
        if (segments.Length >= 3 && segments[0].StartsWith("waInstance", StringComparison.Ordinal))
        {
            (instance, method, token, rest) = (segments[0]["waInstance".Length..], segments[1], Uri.UnescapeDataString(segments[2]), segments[3..]);
        }
        else if (segments.Length >= 3 && segments[0] == "partner")
        {
            (method, token, rest) = (segments[1], Uri.UnescapeDataString(segments[2]), segments[3..]);
        }

        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        return new TestRequest(context.Request.Method, context.Request.Path.Value ?? "", context.Request.QueryString.Value ?? "", instance, method, token, rest, body.ToArray(), headers);
    }
}

/// <summary>Keeps every log message (formatted, with its exception) written through it.</summary>
public sealed class LogCapture : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            owner.Lines.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var structured = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join("; ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            owner.Lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} [{structured}] {exception}");
        }
    }
}
