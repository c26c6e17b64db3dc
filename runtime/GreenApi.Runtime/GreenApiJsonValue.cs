namespace GreenApi;

/// <summary>
/// A generated type that can read itself from JSON. Generic runtime code (the webhook endpoint, the
/// receivers) decodes any generated type through it without reflection.
/// </summary>
/// <typeparam name="TSelf">The generated type.</typeparam>
public interface IGreenApiJsonValue<TSelf>
    where TSelf : IGreenApiJsonValue<TSelf>
{
    /// <summary>Reads one value; the reader is positioned on its first token.</summary>
    static abstract TSelf ReadJson(ref System.Text.Json.Utf8JsonReader reader);
}
