using System.Text;

namespace GreenApi.Sandbox;

/// <summary>File types and the sandbox's QR code.</summary>
internal static class SandboxMedia
{
    private static readonly Dictionary<string, string> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".png"] = "image/png",
        [".gif"] = "image/gif",
        [".webp"] = "image/webp",
        [".mp4"] = "video/mp4",
        [".3gp"] = "video/3gpp",
        [".mov"] = "video/quicktime",
        [".mp3"] = "audio/mpeg",
        [".ogg"] = "audio/ogg",
        [".oga"] = "audio/ogg",
        [".m4a"] = "audio/mp4",
        [".aac"] = "audio/aac",
        [".pdf"] = "application/pdf",
        [".txt"] = "text/plain",
        [".csv"] = "text/csv",
        [".zip"] = "application/zip",
        [".doc"] = "application/msword",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    };

    /// <summary>The MIME type of a file name (the service decides by extension); <c>application/octet-stream</c> when unknown.</summary>
    public static string TypeOf(string fileName) =>
        Types.TryGetValue(Path.GetExtension(fileName), out var type) ? type : "application/octet-stream";

    /// <summary>An extension for a MIME type (<c>.bin</c> when unknown, as the docs say uploadFile stores it).</summary>
    public static string ExtensionOf(string contentType)
    {
        var bare = contentType.Split(';')[0].Trim();
        return Types.FirstOrDefault(t => string.Equals(t.Value, bare, StringComparison.OrdinalIgnoreCase)).Key ?? ".bin";
    }

    /// <summary>The <c>typeMessage</c> a file is sent as, by its MIME type.</summary>
    public static string MessageTypeOf(string contentType) => contentType.Split('/')[0].ToLowerInvariant() switch
    {
        "image" => "imageMessage",
        "video" => "videoMessage",
        "audio" => "audioMessage",
        _ => "documentMessage",
    };

    /// <summary>
    /// A base64 PNG standing in for the QR code: not scannable, but a real PNG (a 1×1 image whose
    /// text chunk names the instance and time) so that clients decoding it as an image can.
    /// </summary>
    public static string QrPng(long idInstance, long unixTime)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", [0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
        Chunk(png, "tEXt", Encoding.ASCII.GetBytes($"Comment\0green-api sandbox qr {idInstance} {unixTime}"));
        Chunk(png, "IDAT", [0x78, 0x9C, 0x63, 0xF8, 0x0F, 0x00, 0x01, 0x01, 0x01, 0x00]);
        Chunk(png, "IEND", []);
        return Convert.ToBase64String(png.ToArray());
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var length = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        png.Write(typeBytes);
        png.Write(data);
        var crc = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32([.. typeBytes, .. data]));
        png.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
