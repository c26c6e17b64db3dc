using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace GreenApi.Runtime.Tests.Webhook;

/// <summary>One captured log entry: the formatted message, its structured values and the exception, as text.</summary>
public sealed record WebhookLogEntry(string Category, LogLevel Level, EventId EventId, string Message, string State, string? Exception)
{
    /// <summary>Everything the entry would put into any sink.</summary>
    public string AllText => $"{Category} {Level} {EventId} {Message} {State} {Exception}";
}

/// <summary>An in-memory logger provider: every entry of every category, at every level.</summary>
public sealed class WebhookLogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<WebhookLogEntry> _entries = new();

    public IReadOnlyList<WebhookLogEntry> Entries => [.. _entries];

    public IReadOnlyList<WebhookLogEntry> Webhook => [.. _entries.Where(e => e.Category == "GreenApi.Webhook")];

    /// <summary>All captured text, to check that a secret appears nowhere.</summary>
    public string AllText => string.Join(Environment.NewLine, _entries.Select(e => e.AllText));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(WebhookLogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join("; ", pairs.Select(p => $"{p.Key}={p.Value}"))
                : state?.ToString() ?? "";
            owner._entries.Enqueue(new WebhookLogEntry(category, logLevel, eventId, formatter(state, exception), values, exception?.ToString()));
        }
    }
}
