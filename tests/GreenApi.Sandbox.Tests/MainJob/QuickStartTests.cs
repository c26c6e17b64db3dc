using System.Diagnostics;

namespace GreenApi.Sandbox.Tests.MainJob;

/// <summary>The main job, run as a user runs it: the QuickStart program on the embedded sandbox, in its own process.</summary>
public sealed class QuickStartTests
{
    [Fact]
    public async Task QuickStart_runs_the_whole_bot_flow_on_the_embedded_sandbox_and_exits_0()
    {
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var dll = Path.Combine(Corpus.Root, "samples", "QuickStart", "bin", configuration, "net10.0", "QuickStart.dll");
        File.Exists(dll).ShouldBeTrue($"{dll} is built with the tests (ProjectReference)");
        var start = new ProcessStartInfo("dotnet", [dll]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var name in new[] { "GREEN_API_URL", "GREEN_API_MEDIA_URL", "GREEN_API_ID_INSTANCE", "GREEN_API_TOKEN", "GREEN_API_CHAT_ID" })
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        var text = await output;

        process.ExitCode.ShouldBe(0, $"stdout:\n{text}\nstderr:\n{await errors}");
        text.ShouldContain("on the embedded sandbox");
        text.ShouldContain("1. instance");
        text.ShouldContain("QR code received (qrCode");
        text.ShouldContain("3. authorized as");
        text.ShouldContain("4. settings saved");
        text.ShouldContain("5. queued a text");
        text.ShouldContain("← status of");
        text.ShouldContain("Alice wrote: \"Got it, thanks!\"");
        text.ShouldContain("Done: 3 messages sent and delivered, the reply received");
    }
}
