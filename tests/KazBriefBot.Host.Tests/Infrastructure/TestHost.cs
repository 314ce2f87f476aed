using KazBriefBot.Host;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace KazBriefBot.Host.Tests.Infrastructure;

/// <summary>The real host on real Kestrel at 127.0.0.1 on a free port, with test configuration; dispose to stop it.</summary>
public sealed class TestHost : IAsyncDisposable
{
    private TestHost(WebApplication app, Uri baseAddress)
    {
        App = app;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    /// <summary>GET /readyz, parsed.</summary>
    public async Task<System.Text.Json.JsonDocument> ReadyAsync() =>
        System.Text.Json.JsonDocument.Parse(await Client.GetStringAsync(new Uri("/readyz", UriKind.Relative)));

    public IServiceProvider Services => App.Services;

    /// <summary>Starts the host. Settings override appsettings.json; by default the shipped seeds and a fresh temporary database
    /// are used, and semantic retrieval is off (no model load); tests of it set Semantic:Enabled.</summary>
    public static async Task<TestHost> StartAsync(IDictionary<string, string?>? settings = null, Action<WebApplicationBuilder>? configure = null)
    {
        _ = Paths.Root;
        var merged = new Dictionary<string, string?>
        {
            ["Corpus:Path"] = Paths.Seeds,
            ["Storage:Path"] = Path.Combine(Paths.NewTempFolder(), "kazbrief.db"),
            ["Semantic:Enabled"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            merged[key] = value;
        }

        var app = BotHost.Build(["--urls", "http://127.0.0.1:0"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(merged);
            configure?.Invoke(builder);
        });
        await app.StartAsync();
        var address = LocalServer.AddressesOf(app).First();
        return new TestHost(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

/// <summary>Well-known folders of the repository and of ../shared for tests.</summary>
public static class Paths
{
    public static string Root { get; } = FindRoot();

    public static string Seeds => Path.Combine(Root, "seeds");

    /// <summary>../shared beside the repository (fixtures, schemas, data).</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    // Found from this source file's path, so tests work whatever the build output folder is; the host finds it too.
    private static string FindRoot([System.Runtime.CompilerServices.CallerFilePath] string sourceFile = "")
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(sourceFile)!); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KazBriefBot.sln")))
            {
                Environment.SetEnvironmentVariable(RepoRoot.EnvironmentVariable, dir.FullName);
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Repository root (KazBriefBot.sln) not found.");
    }

    /// <summary>A temporary copy of the seeds, for tests that change the corpus folder.</summary>
    public static string CopyOfSeeds()
    {
        var folder = Path.Combine(NewTempFolder(), "corpus");
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(Seeds))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        return folder;
    }

    public static string NewTempFolder()
    {
        var dir = Path.Combine(Path.GetTempPath(), "kazbrief-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
