using System.Diagnostics.CodeAnalysis;
using GreenApi;
using GreenApi.AspNetCore;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps an endpoint that receives Green API webhook notifications.</summary>
public static class GreenApiWebhookEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>POST <paramref name="pattern"/></c> to receive the notifications Green API posts to the instance's
    /// <c>webhookUrl</c>. Each request is checked (<see cref="GreenApiWebhookOptions.AuthorizationToken"/>, 401;
    /// <see cref="GreenApiWebhookOptions.MaxBodyBytes"/>, 413), decoded (400 when it cannot be), de-duplicated when a
    /// <see cref="GreenApiWebhookOptions.Deduplicator"/> is set (200 without calling the handler), and handed to
    /// <paramref name="handler"/>: 200 with an empty body when it completes, 500 when it throws (the service then
    /// delivers the notification again later). A <c>typeWebhook</c> the spec does not know is not an error: it
    /// reaches the handler as the union's unknown case. Logs under the category
    /// <see cref="GreenApiWebhookOptions.LogCategory"/>.
    /// </summary>
    /// <typeparam name="TNotification">The generated type the body is decoded into, usually <c>GreenApi.Notification</c>.</typeparam>
    /// <param name="endpoints">The application or route group.</param>
    /// <param name="pattern">The route, e.g. <c>/webhook</c>.</param>
    /// <param name="handler">Handles one notification; the token is <see cref="HttpContext.RequestAborted"/>.</param>
    /// <param name="configure">Sets the options; validated here.</param>
    /// <returns>The endpoint's convention builder, to chain <c>RequireHost</c>, <c>RequireAuthorization</c> and the like.</returns>
    /// <exception cref="ArgumentException">An option is invalid; the message says what to set.</exception>
    public static IEndpointConventionBuilder MapGreenApiWebhook<TNotification>(
        this IEndpointRouteBuilder endpoints,
        [StringSyntax("Route")] string pattern,
        Func<TNotification, CancellationToken, Task> handler,
        Action<GreenApiWebhookOptions>? configure = null)
        where TNotification : IGreenApiJsonValue<TNotification>
    {
        ArgumentNullException.ThrowIfNull(handler);
        return endpoints.MapGreenApiWebhook<TNotification>(pattern, (notification, _, cancellationToken) => handler(notification, cancellationToken), configure);
    }

    /// <summary>
    /// Maps <c>POST <paramref name="pattern"/></c> to receive Green API webhook notifications, with a handler that
    /// also sees the request (its headers, its remote address, <see cref="HttpContext.RequestServices"/> for scoped
    /// services). Behaves as
    /// <see cref="MapGreenApiWebhook{TNotification}(IEndpointRouteBuilder, string, Func{TNotification, CancellationToken, Task}, Action{GreenApiWebhookOptions}?)"/>;
    /// the endpoint writes the response itself unless the handler has started it.
    /// </summary>
    /// <typeparam name="TNotification">The generated type the body is decoded into, usually <c>GreenApi.Notification</c>.</typeparam>
    /// <param name="endpoints">The application or route group.</param>
    /// <param name="pattern">The route, e.g. <c>/webhook</c>.</param>
    /// <param name="handler">Handles one notification; the token is <see cref="HttpContext.RequestAborted"/>.</param>
    /// <param name="configure">Sets the options; validated here.</param>
    /// <returns>The endpoint's convention builder, to chain <c>RequireHost</c>, <c>RequireAuthorization</c> and the like.</returns>
    /// <exception cref="ArgumentException">An option is invalid; the message says what to set.</exception>
    public static IEndpointConventionBuilder MapGreenApiWebhook<TNotification>(
        this IEndpointRouteBuilder endpoints,
        [StringSyntax("Route")] string pattern,
        Func<TNotification, HttpContext, CancellationToken, Task> handler,
        Action<GreenApiWebhookOptions>? configure = null)
        where TNotification : IGreenApiJsonValue<TNotification>
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(handler);

        var options = new GreenApiWebhookOptions();
        configure?.Invoke(options);
        Validate(options, nameof(configure));

        var logger = endpoints.ServiceProvider.GetService<ILoggerFactory>()?.CreateLogger(GreenApiWebhookOptions.LogCategory) ?? NullLogger.Instance;
        var endpoint = new GreenApiWebhookEndpoint<TNotification>(handler, options, logger);
        // A RequestDelegate, not a Delegate: no reflection-based parameter binding, so the endpoint works under AOT.
        RequestDelegate requestDelegate = endpoint.HandleAsync;
        return endpoints.MapPost(pattern, requestDelegate)
            .WithDisplayName("Green API webhook: POST " + pattern);
    }

    private static void Validate(GreenApiWebhookOptions options, string parameterName)
    {
        if (options.MaxBodyBytes <= 0 || options.MaxBodyBytes >= Array.MaxLength)
        {
            throw new ArgumentException(
                $"GreenApiWebhookOptions.MaxBodyBytes is {options.MaxBodyBytes}; set it to the largest webhook body to accept in bytes, greater than 0 and less than {Array.MaxLength} (the default is {GreenApiWebhookOptions.DefaultMaxBodyBytes}).",
                parameterName);
        }

        if (options.LogBodyLimit < 0)
        {
            throw new ArgumentException(
                $"GreenApiWebhookOptions.LogBodyLimit is {options.LogBodyLimit}; set it to how many characters of an undecodable body to log: 0 for none (the default is {GreenApiWebhookOptions.DefaultLogBodyLimit}).",
                parameterName);
        }

        var token = options.AuthorizationToken;
        if (!string.IsNullOrEmpty(token)
            && (char.IsWhiteSpace(token[0]) || char.IsWhiteSpace(token[^1]) || token.AsSpan().ContainsAnyInRange('\0', '\u001f') || token.Contains('\u007f')))
        {
            // The message does not repeat the token: it is a secret.
            throw new ArgumentException(
                "GreenApiWebhookOptions.AuthorizationToken starts or ends with white space or holds a control character, so no Authorization header can match it; set it to the instance's webhookUrlToken exactly as set with setSettings, or to null for no check.",
                parameterName);
        }
    }
}
