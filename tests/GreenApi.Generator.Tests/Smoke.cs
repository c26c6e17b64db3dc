using GreenApi;

namespace GreenApi.Generator.Tests;

public class Smoke
{
    [Fact]
    public void Compiles() => typeof(GreenApiClient).ShouldNotBeNull();
}
