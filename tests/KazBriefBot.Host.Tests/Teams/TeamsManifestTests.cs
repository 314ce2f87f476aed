using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json.Nodes;
using KazBriefBot.Host.Tests.Infrastructure;
using NJsonSchema;

namespace KazBriefBot.Host.Tests.Teams;

/// <summary>The Teams app manifest, its icons and the package command.</summary>
public sealed class TeamsManifestTests
{
    private static string Folder => Path.Combine(Paths.Root, "manifests", "teams");

    [SharedPathFact("schemas/teams/MicrosoftTeams.schema.json")]
    public async Task Manifest_is_valid_against_the_teams_1_29_schema()
    {
        var schema = await JsonSchema.FromFileAsync(Path.Combine(Paths.Shared, "schemas", "teams", "MicrosoftTeams.schema.json"));
        var json = await File.ReadAllTextAsync(Path.Combine(Folder, "manifest.json"));

        var errors = schema.Validate(json);

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"{e.Path}: {e.Kind} {e.Property}")));
    }

    [SharedPathFact("schemas/teams/MicrosoftTeams.schema.json")]
    public async Task The_schema_check_catches_a_broken_manifest()
    {
        // Guards the test above: the validator must actually reject what the schema forbids.
        var schema = await JsonSchema.FromFileAsync(Path.Combine(Paths.Shared, "schemas", "teams", "MicrosoftTeams.schema.json"));
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Folder, "manifest.json")))!.AsObject();
        manifest["bots"]![0]!["scopes"] = new JsonArray("personal", "everywhere");
        manifest.Remove("accentColor");

        Assert.NotEmpty(schema.Validate(manifest.ToJsonString()));
    }

    [Fact]
    public void Manifest_declares_the_bot_scopes_and_commands()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "manifest.json")))!;
        Assert.Equal("1.29", manifest["manifestVersion"]!.GetValue<string>());
        var bot = manifest["bots"]![0]!;
        Assert.Equal(["personal", "team", "groupChat"], bot["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        var commands = bot["commandLists"]!.AsArray().SelectMany(l => l!["commands"]!.AsArray()).Select(c => c!["title"]!.GetValue<string>());
        Assert.Equal(["ask", "digest", "figures", "subscribe", "help"], commands);
    }

    [Theory]
    [InlineData("color.png", 192, false)]
    [InlineData("outline.png", 32, true)]
    public void Icons_have_the_required_size_and_the_outline_is_white_on_transparent(string file, int size, bool outline)
    {
        var (width, height, pixels) = Png.Read(Path.Combine(Folder, file));
        Assert.Equal(size, width);
        Assert.Equal(size, height);
        if (outline)
        {
            Assert.All(pixels.Where(p => p.A != 0), p => Assert.True(p is { R: 255, G: 255, B: 255 }, "outline pixels must be white"));
            Assert.Contains(pixels, p => p.A == 0);
            Assert.Contains(pixels, p => p.A == 255);
        }
        else
        {
            Assert.All(pixels, p => Assert.Equal(255, p.A));
        }
    }

    [Fact]
    public async Task Package_command_fills_in_the_app_id_from_the_environment()
    {
        var output = Path.Combine(Paths.NewTempFolder(), "teams.zip");
        const string appId = "12345678-90ab-cdef-1234-567890abcdef";
        var start = new ProcessStartInfo("bash", [Path.Combine(Folder, "build-package.sh"), "--out", output])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Teams__AppId"] = appId;
        using var process = Process.Start(start)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, stderr);

        using var zip = ZipFile.OpenRead(output);
        Assert.Equal(["color.png", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        using var reader = new StreamReader(zip.GetEntry("manifest.json")!.Open());
        var manifest = JsonNode.Parse(await reader.ReadToEndAsync())!;
        Assert.Equal(appId, manifest["id"]!.GetValue<string>());
        Assert.Equal(appId, manifest["bots"]![0]!["botId"]!.GetValue<string>());
    }

    /// <summary>Reads 8-bit RGBA non-interlaced PNGs (what make-icons.py writes).</summary>
    private static class Png
    {
        public static (int Width, int Height, List<(byte R, byte G, byte B, byte A)> Pixels) Read(string path)
        {
            var bytes = File.ReadAllBytes(path);
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
            int width = 0, height = 0;
            using var idat = new MemoryStream();
            for (var at = 8; at < bytes.Length;)
            {
                var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(at));
                var kind = System.Text.Encoding.ASCII.GetString(bytes, at + 4, 4);
                var data = bytes.AsSpan(at + 8, length);
                if (kind == "IHDR")
                {
                    width = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(data);
                    height = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    Assert.Equal(8, data[8]);
                    Assert.Equal(6, data[9]);
                }
                else if (kind == "IDAT")
                {
                    idat.Write(data);
                }

                at += 12 + length;
            }

            idat.Position = 0;
            using var inflated = new MemoryStream();
            using (var z = new ZLibStream(idat, CompressionMode.Decompress))
            {
                z.CopyTo(inflated);
            }

            var raw = inflated.ToArray();
            var pixels = new List<(byte, byte, byte, byte)>();
            var stride = (width * 4) + 1;
            for (var y = 0; y < height; y++)
            {
                Assert.Equal(0, raw[y * stride]);
                for (var x = 0; x < width; x++)
                {
                    var p = (y * stride) + 1 + (x * 4);
                    pixels.Add((raw[p], raw[p + 1], raw[p + 2], raw[p + 3]));
                }
            }

            return (width, height, pixels);
        }
    }
}
