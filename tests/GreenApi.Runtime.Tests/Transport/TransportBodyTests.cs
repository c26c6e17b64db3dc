using System.Text;
using GreenApi.Runtime.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace GreenApi.Runtime.Tests.Transport;

/// <summary>Uploads, downloads, null answers and the request timeout.</summary>
public sealed class TransportBodyTests
{
    private static byte[] FileBytes(int length)
    {
        var bytes = new byte[length];
        new Random(42).NextBytes(bytes);
        return bytes;
    }

    private static void ShouldBeIncreasingUpTo(IReadOnlyList<long> reports, long length)
    {
        reports.Count.ShouldBeGreaterThan(2, "a file of several chunks reports progress more than once");
        reports[^1].ShouldBe(length);
        for (var i = 1; i < reports.Count; i++)
        {
            reports[i].ShouldBeGreaterThan(reports[i - 1], $"progress went from {reports[i - 1]} to {reports[i]} ({string.Join(", ", reports)})");
        }
    }

    [Fact]
    public async Task UploadFile_streams_the_file_as_the_body_with_GA_Filename_and_reports_progress()
    {
        var bytes = FileBytes(300_000);
        await using var rig = await TransportRig.StartAsync((_, ctx) => TestServer.Respond(ctx, 200, """{"urlFile":"https://sw-media.storage.greenapi.net/1101/abc.go"}"""));
        var progress = new SyncProgress();

        var answer = await rig.Client.Sending.UploadFileAsync(new UploadFileRequest
        {
            File = new GreenApiFile(new MemoryStream(bytes), "main.go", "text/x-go") { Progress = progress },
            GAFilename = "main.go",
        }).Capped();

        answer.UrlFile.ShouldBe("https://sw-media.storage.greenapi.net/1101/abc.go");
        var request = rig.Server.Requests.ShouldHaveSingleItem();
        request.Verb.ShouldBe("POST");
        request.Method.ShouldBe("uploadFile");
        request.Headers["GA-Filename"].ShouldBe("main.go");
        request.Headers["Content-Type"].ShouldBe("text/x-go");
        request.Body.ShouldBe(bytes);
        ShouldBeIncreasingUpTo(progress.Values, bytes.Length);
    }

    [Fact]
    public async Task SendFileByUpload_sends_multipart_with_the_fields_and_the_file_and_reports_progress()
    {
        var bytes = FileBytes(200_000);
        await using var rig = await TransportRig.StartAsync((_, ctx) => TestServer.Respond(ctx, 200, """{"idMessage":"3EB0","urlFile":"https://x/y.png"}"""));
        var progress = new SyncProgress();

        var answer = await rig.Client.Sending.SendFileByUploadAsync(new SendFileByUploadRequest
        {
            ChatId = "79001234567@c.us",
            File = new GreenApiFile(new MemoryStream(bytes), "a.png", "image/png") { Progress = progress },
            Caption = "caption — ü",
        }).Capped();

        answer.IdMessage.ShouldBe("3EB0");
        var request = rig.Server.Requests.ShouldHaveSingleItem();
        request.Method.ShouldBe("sendFileByUpload");
        var contentType = MediaTypeHeaderValue.Parse(request.Headers["Content-Type"]);
        contentType.MediaType.Value.ShouldBe("multipart/form-data");
        var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value!;
        var reader = new MultipartReader(boundary, new MemoryStream(request.Body));
        var parts = new Dictionary<string, (string? FileName, string? Type, byte[] Body)>();
        while (await reader.ReadNextSectionAsync() is { } section)
        {
            var disposition = ContentDispositionHeaderValue.Parse(section.ContentDisposition);
            using var body = new MemoryStream();
            await section.Body.CopyToAsync(body);
            parts[HeaderUtilities.RemoveQuotes(disposition.Name).Value!] = (HeaderUtilities.RemoveQuotes(disposition.FileName).Value, section.ContentType, body.ToArray());
        }

        parts.Keys.ShouldBe(["chatId", "file", "caption"], ignoreOrder: true);
        Encoding.UTF8.GetString(parts["chatId"].Body).ShouldBe("79001234567@c.us");
        Encoding.UTF8.GetString(parts["caption"].Body).ShouldBe("caption — ü");
        parts["file"].FileName.ShouldBe("a.png");
        parts["file"].Type.ShouldBe("image/png");
        parts["file"].Body.ShouldBe(bytes);
        ShouldBeIncreasingUpTo(progress.Values, bytes.Length);
    }

    [Fact]
    public async Task DownloadFile_link_is_streamed_to_the_destination_with_progress()
    {
        var bytes = FileBytes(500_000);
        TestServer? server = null;
        await using var rig = await TransportRig.StartAsync(async (r, ctx) =>
        {
            if (r.Path == "/files/photo.jpg")
            {
                ctx.Response.ContentType = "image/jpeg";
                for (var offset = 0; offset < bytes.Length; offset += 64 * 1024)
                {
                    await ctx.Response.Body.WriteAsync(bytes.AsMemory(offset, Math.Min(64 * 1024, bytes.Length - offset)));
                    await ctx.Response.Body.FlushAsync();
                }

                return;
            }

            await TestServer.Respond(ctx, 200, $$"""{"downloadUrl":"{{new Uri(server!.Url, "/files/photo.jpg")}}"}""");
        });
        server = rig.Server;

        var link = await rig.Client.Receiving.DownloadFileAsync(new DownloadFileRequest { ChatId = "79001234567@c.us", IdMessage = "3EB0C767D097B7C7C030" }).Capped();
        var destination = new MemoryStream();
        var progress = new SyncProgress();
        var written = await rig.Transport.DownloadAsync(new Uri(link.DownloadUrl), destination, progress).Capped();

        var call = rig.Server.Requests.First();
        call.Method.ShouldBe("downloadFile");
        call.BodyText.ShouldBe("""{"chatId":"79001234567@c.us","idMessage":"3EB0C767D097B7C7C030"}""");
        written.ShouldBe(bytes.Length);
        destination.ToArray().ShouldBe(bytes);
        ShouldBeIncreasingUpTo(progress.Values, bytes.Length);
    }

    [Fact]
    public async Task Download_of_an_expired_link_says_to_request_a_new_one()
    {
        await using var rig = await TransportRig.StartAsync((_, ctx) => TestServer.Respond(ctx, 404, "gone", "text/plain"));

        var e = await Should.ThrowAsync<GreenApiServerException>(rig.Transport.DownloadAsync(new Uri(rig.Server.Url, "/files/x"), new MemoryStream()).Capped());

        e.StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);
        e.Message.ShouldContain("downloadFile");
    }

    [Fact]
    public async Task ReceiveNotification_answering_null_returns_null()
    {
        await using var rig = await TransportRig.StartAsync((_, ctx) => TestServer.Respond(ctx, 200, "null"));
        await using var clock = rig.AutoAdvance(); // the second call waits 10 ms of fake time for its turn (100/s)

        var typed = await rig.Client.Receiving.ReceiveNotificationAsync(new ReceiveNotificationRequest { ReceiveTimeout = 5 }).Capped();
        var split = await ((GreenApi.Receiving.IGreenApiNotificationSource<Notification>)rig.Client.Receiving).ReceiveAsync(5, CancellationToken.None).Capped();

        typed.ShouldBeNull();
        split.ShouldBeNull();
        rig.Server.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task No_answer_within_RequestTimeout_is_a_server_exception_without_status_that_names_RequestTimeout()
    {
        await using var rig = await TransportRig.StartAsync(async (request, ctx) =>
        {
            if (request.Method == "getStateInstance")
            {
                await TestServer.Respond(ctx, 200, """{"stateInstance":"authorized"}""");
                return;
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(30), ctx.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await TestServer.Respond(ctx, 200, """{"idMessage":"late"}""");
        }, o => o.RequestTimeout = TimeSpan.FromSeconds(1));

        // Warm the connection first: on a cold, loaded machine the first request can spend the whole
        // timeout connecting, and then the server never sees the POST this test is about.
        await rig.Client.Account.GetStateInstanceAsync().Capped();
        var e = await Should.ThrowAsync<GreenApiServerException>(rig.Client.Sending.SendMessageAsync(new SendMessageRequest { ChatId = "79001234567@c.us", Message = "hi" }).Capped());

        e.StatusCode.ShouldBeNull();
        e.Method.ShouldBe("sendMessage");
        e.Message.ShouldContain("RequestTimeout");
        e.Message.ShouldNotContain(TransportRig.Token);
        rig.Server.Requests.Count(r => r.Method == "sendMessage").ShouldBe(1, "a POST that timed out may have been carried out, so it is not sent again");
    }

    [Fact]
    public void Default_RequestTimeout_outlasts_the_longest_long_poll()
    {
        new GreenApiClientOptions().RequestTimeout.ShouldBe(TimeSpan.FromSeconds(100));
        new GreenApiClientOptions().RequestTimeout.ShouldBeGreaterThan(TimeSpan.FromSeconds(60));
        new GreenApiPartnerClientOptions().RequestTimeout.ShouldBeGreaterThan(TimeSpan.FromSeconds(60));
    }
}
