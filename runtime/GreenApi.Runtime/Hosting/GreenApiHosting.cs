using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using GreenApi.Receiving;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GreenApi.Hosting;

/// <summary>Resolves the client of a named instance registered with <c>AddGreenApi(name, …)</c>.</summary>
/// <typeparam name="TClient">The generated client type.</typeparam>
public interface IGreenApiClientFactory<TClient>
{
    /// <summary>The client of the instance registered under <paramref name="name"/> (one per name, for the life of the container).</summary>
    TClient Get(string name);
}

/// <summary>What <c>AddGreenApi</c> returns: the registration of one instance, to add receivers to.</summary>
/// <typeparam name="TClient">The generated client type.</typeparam>
public sealed class GreenApiInstanceBuilder<TClient>
    where TClient : class
{
    internal GreenApiInstanceBuilder(IServiceCollection services, string name)
    {
        Services = services;
        Name = name;
    }

    /// <summary>The service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>The instance's name (<see cref="Options.DefaultName"/> for the unnamed one).</summary>
    public string Name { get; }
}

/// <summary>
/// The dependency-injection plumbing the generated <c>AddGreenApi</c> extensions call: validated options,
/// <c>IHttpClientFactory</c> with its URI-logging handlers removed (the URI holds the token), one transport
/// per instance sharing the container's logging, clock, quota store and meter factory.
/// </summary>
public static class GreenApiHosting
{
    /// <summary>The <c>IHttpClientFactory</c> client name of an instance.</summary>
    public static string HttpClientName(string instanceName) => "GreenApi:" + instanceName;

    /// <summary>Registers one instance; the generated <c>AddGreenApi</c> calls this.</summary>
    public static GreenApiInstanceBuilder<TClient> AddInstance<TClient>(IServiceCollection services, string name, Action<GreenApiClientOptions> configure, Func<GreenApiTransport, TClient> createClient)
        where TClient : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(configure);
        ArgumentNullException.ThrowIfNull(createClient);
        if (services.Any(d => d.ServiceType == typeof(Registration<TClient>) && d.ImplementationInstance is Registration<TClient> r && r.Name == name))
        {
            throw new InvalidOperationException($"A Green API instance named '{name}' is registered already; give each instance its own name.");
        }

        services.AddOptions<GreenApiClientOptions>(name).Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GreenApiClientOptions>, OptionsValidator>());
        AddCommon(services, name);
        services.AddSingleton(new Registration<TClient>(name, (provider, services) =>
        {
            var options = provider.GetRequiredService<IOptionsMonitor<GreenApiClientOptions>>().Get(name);
            return new GreenApiTransport(options, provider.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName(name)), services);
        }, createClient));
        services.TryAddSingleton<IGreenApiClientFactory<TClient>, ClientFactory<TClient>>();
        if (name == Options.DefaultName)
        {
            services.TryAddSingleton(provider => provider.GetRequiredService<IGreenApiClientFactory<TClient>>().Get(name));
        }

        return new GreenApiInstanceBuilder<TClient>(services, name);
    }

    /// <summary>Registers the partner client; the generated <c>AddGreenApiPartner</c> calls this.</summary>
    public static IServiceCollection AddPartner<TClient>(IServiceCollection services, Action<GreenApiPartnerClientOptions> configure, Func<GreenApiTransport, TClient> createClient)
        where TClient : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        ArgumentNullException.ThrowIfNull(createClient);
        const string name = "partner";
        services.AddOptions<GreenApiPartnerClientOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GreenApiPartnerClientOptions>, OptionsValidator>());
        AddCommon(services, name);
        services.AddSingleton(new Registration<TClient>(name, (provider, services) =>
        {
            var options = provider.GetRequiredService<IOptionsMonitor<GreenApiPartnerClientOptions>>().CurrentValue;
            return new GreenApiTransport(options, provider.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName(name)), services);
        }, createClient));
        services.TryAddSingleton<IGreenApiClientFactory<TClient>, ClientFactory<TClient>>();
        services.TryAddSingleton(provider => provider.GetRequiredService<IGreenApiClientFactory<TClient>>().Get(name));
        return services;
    }

    /// <summary>
    /// Runs a <see cref="GreenApiPollingReceiver{TNotification}"/> for the instance as a hosted service; the
    /// generated <c>AddPollingReceiver</c> calls this with the client's notification source.
    /// </summary>
    public static GreenApiInstanceBuilder<TClient> AddPollingReceiver<TClient, TNotification>(
        GreenApiInstanceBuilder<TClient> builder,
        Func<TClient, IGreenApiNotificationSource<TNotification>> source,
        Func<TNotification, CancellationToken, Task> handler,
        Action<GreenApiPollingReceiverOptions<TNotification>>? configure = null)
        where TClient : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(handler);
        var options = builder.Services.AddOptions<GreenApiPollingReceiverOptions<TNotification>>(builder.Name);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(static o => Valid(o.Validate, out _), "The polling receiver options are invalid; resolve them to see why.").ValidateOnStart();
        builder.Services.AddSingleton<IHostedService>(provider => new PollingReceiverService<TClient, TNotification>(provider, builder.Name, source, handler));
        return builder;
    }

    private static void AddCommon(IServiceCollection services, string name)
    {
        services.AddLogging();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IGreenApiQuotaStore, InMemoryGreenApiQuotaStore>();
        services.AddHttpClient(HttpClientName(name))
            .ConfigurePrimaryHttpMessageHandler(GreenApiTransport.CreatePrimaryHandler)
            .ConfigureHttpClient(static client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();
    }

    private static bool Valid(Action validate, out string? problem)
    {
        try
        {
            validate();
            problem = null;
            return true;
        }
        catch (ArgumentException e)
        {
            problem = e.Message;
            return false;
        }
    }

    private sealed class OptionsValidator : IValidateOptions<GreenApiClientOptions>, IValidateOptions<GreenApiPartnerClientOptions>
    {
        public ValidateOptionsResult Validate(string? name, GreenApiClientOptions options) => Result(name, options.Validate);

        public ValidateOptionsResult Validate(string? name, GreenApiPartnerClientOptions options) => Result(name, options.Validate);

        private static ValidateOptionsResult Result(string? name, Action validate) =>
            Valid(validate, out var problem) ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail($"Green API instance '{name}': {problem}");
    }

    private sealed record Registration<TClient>(string Name, Func<IServiceProvider, GreenApiRuntimeServices, GreenApiTransport> CreateTransport, Func<GreenApiTransport, TClient> CreateClient);

    private sealed class ClientFactory<TClient>(IServiceProvider provider, IEnumerable<Registration<TClient>> registrations) : IGreenApiClientFactory<TClient>, IDisposable
    {
        private readonly ConcurrentDictionary<string, Lazy<(GreenApiTransport Transport, TClient Client)>> _clients = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Registration<TClient>> _registrations = registrations.ToDictionary(r => r.Name, StringComparer.Ordinal);

        public TClient Get(string name)
        {
            ArgumentNullException.ThrowIfNull(name);
            if (!_registrations.TryGetValue(name, out var registration))
            {
                var known = string.Join(", ", _registrations.Keys.Select(k => k.Length == 0 ? "(unnamed)" : "'" + k + "'"));
                throw new InvalidOperationException($"No Green API instance named '{name}' is registered (registered: {known}). Call services.AddGreenApi(\"{name}\", options => …) first.");
            }

            return _clients.GetOrAdd(name, _ => new Lazy<(GreenApiTransport, TClient)>(() =>
            {
                var services = new GreenApiRuntimeServices
                {
                    LoggerFactory = provider.GetService<ILoggerFactory>(),
                    TimeProvider = provider.GetService<TimeProvider>(),
                    QuotaStore = provider.GetService<IGreenApiQuotaStore>(),
                    MeterFactory = provider.GetService<IMeterFactory>(),
                };
                var transport = registration.CreateTransport(provider, services);
                return (transport, registration.CreateClient(transport));
            })).Value.Client;
        }

        public void Dispose()
        {
            foreach (var client in _clients.Values.Where(c => c.IsValueCreated))
            {
                (client.Value.Client as IDisposable)?.Dispose();
                client.Value.Transport.Dispose();
            }
        }
    }

    private sealed class PollingReceiverService<TClient, TNotification>(
        IServiceProvider provider,
        string name,
        Func<TClient, IGreenApiNotificationSource<TNotification>> source,
        Func<TNotification, CancellationToken, Task> handler) : BackgroundService
        where TClient : class
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken)
        {
            var client = provider.GetRequiredService<IGreenApiClientFactory<TClient>>().Get(name);
            var receiver = new GreenApiPollingReceiver<TNotification>(
                source(client),
                handler,
                provider.GetRequiredService<IOptionsMonitor<GreenApiPollingReceiverOptions<TNotification>>>().Get(name),
                provider.GetRequiredService<ILoggerFactory>().CreateLogger("GreenApi.Receiver"),
                provider.GetService<TimeProvider>());
            return receiver.RunAsync(stoppingToken);
        }
    }
}
