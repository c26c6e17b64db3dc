using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace GreenApi.Packaging.Tests;

/// <summary>
/// Packs the runtime and generator packages into a local folder feed and builds throw-away consumers from it
/// with an empty NuGet cache, the way a user outside this repository would get them.
/// </summary>
public sealed class PackageTests : IClassFixture<PackageTests.Feed>
{
    private const string Token = "d75b3a66374942c5b3c019c698abc2067e151558acbd412345";
    private readonly Feed _feed;

    public PackageTests(Feed feed) => _feed = feed;

    [Fact]
    public async Task A_consumer_with_only_the_generator_package_compiles_and_calls_the_service()
    {
        var received = new List<(string Path, string Body)>();
        await using var server = await StartServer(received);
        var consumer = _feed.NewConsumer("Consumer", extraProperties: "", program: """"
            using GreenApi;

            var ct = CancellationToken.None;
            using var client = new GreenApiClient(new GreenApiClientOptions {
                ApiUrl = new Uri(Environment.GetEnvironmentVariable("GREEN_API_URL")!), MediaUrl = new Uri("https://media.green-api.com"),
                IdInstance = 1101000001, ApiTokenInstance = Environment.GetEnvironmentVariable("GREEN_API_TOKEN")! });
            SendMessageResponse sent = await client.Sending.SendMessageAsync(
                new SendMessageRequest { ChatId = "79001234567@c.us", Message = "Hello" }, ct);
            GetStateInstanceResponse? state = await client.Account.GetStateInstanceAsync(ct);
            bool ok = state?.StateInstance == StateInstance.Authorized;
            Notification n = Notification.Parse("""{"typeWebhook":"somethingNew"}"""u8);
            string text = n switch {
                IncomingMessageReceived { MessageData: TextMessage t } => t.TextMessageData.TextMessage,
                UnknownNotification u => u.TypeWebhook,
                _ => "" };
            Console.WriteLine($"sent {sent.IdMessage}; authorized {ok}; unknown {text}");
            """");

        var output = _feed.Run("dotnet", $"run --project \"{consumer}\" -c Release", ("GREEN_API_URL", server.Url), ("GREEN_API_TOKEN", Token));

        output.ShouldContain("sent BAE5F4886B8F7EC7; authorized True; unknown somethingNew");
        received.Select(r => r.Path).ShouldBe([$"/waInstance1101000001/sendMessage/{Token}", $"/waInstance1101000001/getStateInstance/{Token}"]);
        JsonNode.DeepEquals(JsonNode.Parse(received[0].Body), JsonNode.Parse("""{"chatId":"79001234567@c.us","message":"Hello"}""")).ShouldBeTrue(received[0].Body);
    }

    [Fact]
    public void A_consumer_can_generate_from_its_own_spec()
    {
        var spec = Path.Combine(_feed.Work, "own-spec");
        Directory.CreateDirectory(spec);
        File.WriteAllText(Path.Combine(spec, "api.yaml"), """
            openapi: 3.1.0
            info: {title: own, version: "1"}
            paths:
              /waInstance{idInstance}/sendThing/{apiTokenInstance}:
                post:
                  operationId: sendThing
                  tags: [Sending]
                  requestBody:
                    content:
                      application/json:
                        schema: {$ref: '#/components/schemas/Thing'}
                  responses:
                    '200':
                      description: ok
            components:
              schemas:
                Thing:
                  type: object
                  required: [name]
                  properties:
                    name: {type: string}
            """);
        var consumer = _feed.NewConsumer("OwnSpec", extraProperties: $"<GreenApiSpecDirectory>{spec}</GreenApiSpecDirectory>", program: """
            using GreenApi;
            Console.WriteLine(new Thing { Name = "x" }.ToJson() + " " + typeof(SendingApi).GetMethod("SendThingAsync")!.Name + " " + (typeof(GreenApiClient).Assembly.GetType("GreenApi.SendMessageRequest") is null));
            """);

        _feed.Run("dotnet", $"run --project \"{consumer}\" -c Release").ShouldContain("""{"name":"x"} SendThingAsync True""");
    }

    [Fact]
    public void A_consumer_can_generate_a_subset_of_methods()
    {
        var consumer = _feed.NewConsumer("Subset", extraProperties: "<GreenApiMethods>sendMessage;receiveNotification;deleteNotification</GreenApiMethods>", program: """
            using GreenApi;
            var types = typeof(GreenApiClient).Assembly.GetTypes().Where(t => t.Namespace == "GreenApi").Select(t => t.Name).ToHashSet();
            Console.WriteLine($"{types.Contains("SendMessageRequest")} {types.Contains("Notification")} {types.Contains("GetSettingsResponse")} {GreenApiMethods.All.Count}");
            """);

        _feed.Run("dotnet", $"run --project \"{consumer}\" -c Release").ShouldContain("True True False 3");
    }

    [Fact]
    public void A_missing_spec_directory_fails_the_build_saying_what_to_fix()
    {
        var consumer = _feed.NewConsumer("NoSpec", extraProperties: "<GreenApiSpecDirectory>/no/such/folder</GreenApiSpecDirectory>", program: "System.Console.WriteLine();");

        var output = _feed.Run("dotnet", $"build \"{consumer}\" -c Release", expectSuccess: false);

        output.ShouldContain("error GAG010: GreenApiSpecDirectory '/no/such/folder' does not exist");
    }

    private static async Task<TestServer> StartServer(List<(string Path, string Body)> received)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/waInstance{id}/sendMessage/{token}", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            lock (received)
            {
                received.Add((context.Request.Path, "pending"));
            }

            var body = await reader.ReadToEndAsync();
            lock (received)
            {
                received[^1] = (context.Request.Path, body);
            }

            return Results.Text("""{"idMessage":"BAE5F4886B8F7EC7"}""", "application/json");
        });
        app.MapGet("/waInstance{id}/getStateInstance/{token}", (HttpContext context) =>
        {
            lock (received)
            {
                received.Add((context.Request.Path, ""));
            }

            return Results.Text("""{"stateInstance":"authorized"}""", "application/json");
        });
        await app.StartAsync();
        return new TestServer(app);
    }

    private sealed class TestServer(WebApplication app) : IAsyncDisposable
    {
        public string Url => app.Urls.First();

        public ValueTask DisposeAsync() => app.DisposeAsync();
    }

    /// <summary>The freshly packed packages in a folder feed, an empty NuGet cache, and a scratch folder.</summary>
    public sealed class Feed : IDisposable
    {
        public Feed()
        {
            Work = Path.Combine(Path.GetTempPath(), "greenapi-packaging-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(Work);
            FeedDir = Path.Combine(Work, "feed");
            Packages = Path.Combine(Work, "packages");
            // Packed from a copy of the sources, so that packing touches none of the repository's build outputs
            // while other test assemblies run.
            var source = Path.Combine(Work, "src");
            var root = RepoRoot();
            foreach (var part in new[] { "spec", "generator", Path.Combine("runtime", "GreenApi.Runtime") })
            {
                Copy(Path.Combine(root, part), Path.Combine(source, part));
            }

            File.Copy(Path.Combine(root, "Directory.Build.props"), Path.Combine(source, "Directory.Build.props"));
            Pack(Path.Combine(source, "runtime", "GreenApi.Runtime", "GreenApi.Runtime.csproj"));
            Pack(Path.Combine(source, "generator", "GreenApi.Generator", "GreenApi.Generator.csproj"));
            Version = Path.GetFileNameWithoutExtension(Directory.GetFiles(FeedDir, "GreenApi.Generator.*.nupkg").Single())["GreenApi.Generator.".Length..];
        }

        public string Work { get; }

        public string FeedDir { get; }

        public string Packages { get; }

        public string Version { get; }

        public string NewConsumer(string name, string extraProperties, string program)
        {
            var dir = Path.Combine(Work, name);
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="local" value="{FeedDir}" />
                    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
                  </packageSources>
                  <packageSourceMapping>
                    <packageSource key="local">
                      <package pattern="GreenApi.*" />
                    </packageSource>
                    <packageSource key="nuget.org">
                      <package pattern="*" />
                    </packageSource>
                  </packageSourceMapping>
                </configuration>
                """);
            File.WriteAllText(Path.Combine(dir, name + ".csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                    {extraProperties}
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="GreenApi.Generator" Version="{Version}" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(dir, "Program.cs"), program);
            return dir;
        }

        /// <summary>Runs a consumer build with an empty NuGet cache: the GreenApi packages can only come from the local feed (source mapping), their dependencies from nuget.org.</summary>
        public string Run(string file, string arguments, params (string Name, string Value)[] environment) =>
            Exec(file, arguments, [("NUGET_PACKAGES", Packages), .. environment], expectSuccess: true);

        public string Run(string file, string arguments, bool expectSuccess) =>
            Exec(file, arguments, [("NUGET_PACKAGES", Packages)], expectSuccess);

        private void Pack(string project) => Exec("dotnet", $"pack \"{project}\" -c Release -o \"{FeedDir}\"", [], expectSuccess: true);

        private static void Copy(string from, string to)
        {
            foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(from, file);
                if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
                {
                    continue;
                }

                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(to, relative))!);
                File.Copy(file, Path.Combine(to, relative));
            }
        }

        private string Exec(string file, string arguments, (string Name, string Value)[] environment, bool expectSuccess)
        {
            var start = new ProcessStartInfo(file, arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = Work,
            };
            start.Environment["DOTNET_NOLOGO"] = "1";
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{file} {arguments} did not finish in 5 minutes");
            }

            var output = stdout.Result + stderr.Result;
            (process.ExitCode == 0).ShouldBe(expectSuccess, $"{file} {arguments} exited with {process.ExitCode}:\n{output}");
            return output;
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Work, recursive: true);
            }
            catch (IOException)
            {
                // A build server may still hold a file; the folder is in the temp directory.
            }
        }

        private static string RepoRoot()
        {
            var baked = typeof(Feed).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "GreenApiRepoRoot").Value!;
            return Path.GetFullPath(baked);
        }
    }
}
