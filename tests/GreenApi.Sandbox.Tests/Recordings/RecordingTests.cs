using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GreenApi.Sandbox.Tests.Infrastructure;

namespace GreenApi.Sandbox.Tests.Recordings;

/// <summary>
/// tests/fixtures/recordings: one recorded exchange per method, recorded from the sandbox
/// (<see cref="RecordingSession"/>) and replayed through the generated client.
/// </summary>
public sealed partial class RecordingTests
{
    private const string ReplayToken = "replay0token0for0the0recordings0not0the0recorded0one";
    private const string ReplayPartnerToken = "replay-partner-token";

    public static string Folder => Path.Combine(Corpus.Fixtures, "recordings");

    /// <summary>Every recording file, relative to <see cref="Folder"/>.</summary>
    public static List<string> FileNames() =>
        Directory.Exists(Folder)
            ? Directory.GetFiles(Folder, "*.json", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Folder, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList()
            : [];

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in FileNames())
        {
            data.Add(file);
        }

        return data;
    }

    public static JsonObject Load(string file) => JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, file)))!.AsObject();

    /// <summary>
    /// The recorder. With GREENAPI_UPDATE_RECORDINGS=1 it writes the files; otherwise it records into memory and
    /// requires the checked-in files to be exactly what the sandbox answers today, so that a change of the
    /// sandbox's behaviour shows up as a diff of the fixtures (re-record and review it).
    /// </summary>
    [Fact]
    public async Task The_sandbox_still_answers_every_method_as_recorded()
    {
        var result = await RecordingSession.RecordAsync();
        var update = Environment.GetEnvironmentVariable("GREENAPI_UPDATE_RECORDINGS") == "1";
        var problems = new List<string>();
        foreach (var (method, recording) in result.Recordings)
        {
            var relative = ApiSurface.RelativePath(ApiSurface.Descriptor(method));
            var path = Path.Combine(Folder, relative);
            var text = RecordingFormat.ToFileText(recording);
            if (update)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                if (!File.Exists(path) || File.ReadAllText(path) != text)
                {
                    await File.WriteAllTextAsync(path, text, new UTF8Encoding(false));
                }

                continue;
            }

            if (!File.Exists(path))
            {
                problems.Add($"{relative}: not recorded yet");
                continue;
            }

            var existing = File.ReadAllText(path).ReplaceLineEndings("\n");
            if (existing != text)
            {
                var difference = JsonEquivalence.Explain(JsonNode.Parse(existing), recording);
                problems.Add($"{relative}: the sandbox now answers differently: {difference ?? "same JSON, different key order or formatting"}");
            }
        }

        foreach (var (method, failure) in result.Failures)
        {
            problems.Add($"{method}: could not be recorded: {failure}");
        }

        problems.ShouldBeEmpty(
            (update ? "Recorded what could be recorded; these failed:\n" : "Re-record with GREENAPI_UPDATE_RECORDINGS=1 dotnet test --filter \"FullyQualifiedName~Recordings\" and review the diff:\n")
            + string.Join("\n", problems));
    }

    [Fact]
    public void Every_http_method_has_a_recording_and_every_recording_a_method()
    {
        var expected = ApiSurface.HttpMethods.Where(m => !ApiSurface.Exclusions.ContainsKey(m.Name)).Select(ApiSurface.RelativePath).Order(StringComparer.Ordinal).ToList();
        var present = FileNames();
        expected.Except(present).ShouldBeEmpty("methods of GreenApiMethods.All without a recording");
        present.Except(expected).ShouldBeEmpty("recordings of no method (or of an excluded one, or in the wrong section folder)");
        foreach (var (name, _) in ApiSurface.Exclusions)
        {
            GreenApiMethods.All.ShouldContain(m => m.Name == name && m.Transport == GreenApiTransportKind.WebSocket, $"exclusion {name} must stay a websocket method");
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void A_recording_is_well_formed_and_holds_no_token(string file)
    {
        var recording = Load(file);
        var method = ApiSurface.Descriptor((string)recording["method"]!);
        ((string)recording["section"]!).ShouldBe(method.Section);
        file.ShouldBe(ApiSurface.RelativePath(method));
        RecordingFormat.ToFileText(recording).ShouldBe(File.ReadAllText(Path.Combine(Folder, file)).ReplaceLineEndings("\n"), "the file is written in the recorder's own format");

        var request = recording["request"]!.AsObject();
        var line = (string)request["line"]!;
        var expectedLine = method.Host switch
        {
            GreenApiHost.Partner => $"{method.Verb.Method} {{{{apiUrl}}}}/partner/{method.Name}/{{{{partnerToken}}}}",
            GreenApiHost.Media => $"{method.Verb.Method} {{{{mediaUrl}}}}/waInstance{RecordingSession.IdInstance}/{method.Name}/{{{{apiTokenInstance}}}}",
            _ => $"{method.Verb.Method} {{{{apiUrl}}}}/waInstance{RecordingSession.IdInstance}/{method.Name}/{{{{apiTokenInstance}}}}",
        };
        line.ShouldStartWith(expectedLine);
        request.Count(p => p.Key is "body" or "form" or "file").ShouldBeLessThanOrEqualTo(1);

        var text = File.ReadAllText(Path.Combine(Folder, file));
        text.ShouldNotContain(RecordingSession.ApiToken);
        text.ShouldNotContain(RecordingSession.PartnerToken);
        text.ShouldNotContain("127.0.0.1");
        HexToken().Matches(text).Select(m => m.Value).ShouldBeEmpty("a 50-character hex string looks like an instance token");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task A_recording_replays_through_the_generated_client(string file)
    {
        var recording = Load(file);
        var method = ApiSurface.Descriptor((string)recording["method"]!);
        var placeholders = new Redactor()
            .Add(ReplayToken, "{{apiTokenInstance}}")
            .Add(ReplayPartnerToken, "{{partnerToken}}")
            .Add(RecordingHandler.ApiOrigin, "{{apiUrl}}")
            .Add(RecordingHandler.MediaOrigin, "{{mediaUrl}}");
        var replay = new ReplayHandler(recording, placeholders);
        using var http = new HttpClient(replay);
        var id = InstanceId().Match((string)recording["request"]!["line"]!) is { Success: true } m ? long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : RecordingSession.IdInstance;
        using var client = new GreenApiClient(new GreenApiClientOptions
        {
            ApiUrl = new Uri(RecordingHandler.ApiOrigin),
            MediaUrl = new Uri(RecordingHandler.MediaOrigin),
            IdInstance = id,
            ApiTokenInstance = ReplayToken,
            EnableRetries = false,
            EnableRateLimiting = false,
        }, http);
        using var partner = new GreenApiPartnerClient(new GreenApiPartnerClientOptions { ApiUrl = new Uri(RecordingHandler.ApiOrigin), PartnerToken = ReplayPartnerToken, EnableRetries = false }, http);

        var clientMethod = ApiSurface.ClientMethod(method);
        var requestType = ApiSurface.RequestType(clientMethod);
        var request = requestType is null ? null : ApiSurface.BuildRequest(requestType, recording["request"]!.AsObject());
        object? answer = null;
        Exception? failure = null;
        try
        {
            answer = await ApiSurface.InvokeAsync(clientMethod, ApiSurface.Target(method, client, partner), request, CancellationToken.None);
        }
        catch (Exception e)
        {
            failure = e;
        }

        replay.Requests.ShouldBe(1, "one request per call");
        replay.Problems.ShouldBeEmpty($"the request {clientMethod.Name} sent is not the recorded one");
        failure.ShouldBeNull($"{clientMethod.Name} failed on the recorded answer");

        var response = recording["response"]!.AsObject();
        if (ApiSurface.ResponseType(clientMethod) is { } responseType)
        {
            response.ContainsKey("body").ShouldBeTrue("a typed answer needs a JSON body");
            var encoded = ApiSurface.Encode(responseType, answer);
            JsonEquivalence.Explain(response["body"], encoded).ShouldBeNull($"the typed {responseType.Name} does not encode back to the recorded body (key order aside):\n{encoded?.ToJsonString()}");
        }
        else
        {
            // A method whose 200 carries nothing (spec: no content): the client returns a plain Task.
            (response["body"]?.ToJsonString() ?? (string?)response["text"] ?? "").ShouldBeOneOf("", "null", "{}");
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void A_recorded_response_fits_the_spec(string file)
    {
        var recording = Load(file);
        var method = (string)recording["method"]!;
        var response = recording["response"]!.AsObject();
        ((int)response["status"]!).ShouldBe(200);
        if (ApiSurface.ResponseType(ApiSurface.ClientMethod(ApiSurface.Descriptor(method))) is null)
        {
            // The spec gives the 200 no content (the generated method returns a plain Task): nothing to validate.
            response.ContainsKey("body").ShouldBeFalse($"the spec gives {method}'s 200 no content, yet a JSON body was recorded");
            ((string?)response["text"]).ShouldBe("");
            return;
        }

        SpecOracle.ShouldFit(response["body"]?.ToJsonString() ?? "null", $"response {method} 200");
    }

    [GeneratedRegex("(?<![0-9a-fA-F])[0-9a-f]{50}(?![0-9a-fA-F])")]
    private static partial Regex HexToken();

    [GeneratedRegex(@"/waInstance(\d+)/")]
    private static partial Regex InstanceId();
}
