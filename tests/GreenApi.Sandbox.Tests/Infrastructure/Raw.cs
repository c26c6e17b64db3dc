using System.Net.Http.Headers;
using System.Text;
using GreenApi.Sandbox;

namespace GreenApi.Sandbox.Tests.Infrastructure;

/// <summary>A raw answer of the sandbox.</summary>
public sealed record RawAnswer(int Status, string Body, HttpResponseHeaders Headers);

/// <summary>Plain HTTP calls to the sandbox, for what the typed client would never send.</summary>
public static class Raw
{
    private static readonly HttpClient Http = new();

    public static Task<RawAnswer> CallAsync(GreenApiSandbox sandbox, SandboxInstance instance, string verb, string method, string? json = null, string? token = null, string suffix = "") =>
        SendAsync(verb, new Uri(sandbox.Url, $"waInstance{instance.IdInstance}/{method}/{token ?? instance.ApiTokenInstance}{suffix}"), json);

    public static async Task<RawAnswer> SendAsync(string verb, Uri url, string? json = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(verb), url);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await Http.SendAsync(request);
        return new RawAnswer((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers);
    }
}
