namespace GreenApi.Tests.Shared;

/// <summary>Waiting in real time for something asynchronous to happen, with a clear failure when it never does.</summary>
public static class Wait
{
    /// <summary>Polls <paramref name="condition"/> in real time; fails with <paramref name="what"/> when it never holds.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what, int timeoutMs = 5000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline)
            {
                throw new Xunit.Sdk.XunitException($"Timed out after {timeoutMs} ms (real time) waiting until {what}.");
            }

            await Task.Delay(2);
        }
    }

    /// <summary>Polls <paramref name="condition"/> in real time; returns whether it held before the time ran out.</summary>
    public static async Task<bool> ForAsync(Func<bool> condition, int timeoutMs)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline)
            {
                return false;
            }

            await Task.Delay(1);
        }

        return true;
    }

    /// <summary>
    /// Caps a call in real time so that a broken transport fails the test instead of hanging it, and goes on
    /// on a thread-pool thread: without it the test could go on inline on the thread that fired a fake timer
    /// (the AutoAdvance loop), and block it.
    /// </summary>
    public static async Task<T> Capped<T>(this Task<T> task, int seconds = 15) =>
        await task.WaitAsync(TimeSpan.FromSeconds(seconds)).ConfigureAwait(ConfigureAwaitOptions.ForceYielding);

    public static async Task Capped(this Task task, int seconds = 15) =>
        await task.WaitAsync(TimeSpan.FromSeconds(seconds)).ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
}
