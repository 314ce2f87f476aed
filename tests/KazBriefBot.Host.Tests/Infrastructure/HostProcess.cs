using System.Diagnostics;
using System.Text.RegularExpressions;

namespace KazBriefBot.Host.Tests.Infrastructure;

/// <summary>The real host as a separate process (dotnet KazBriefBot.Host.dll), so a test can kill it hard and start it again.</summary>
public sealed partial class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private HostProcess(Process process) => _process = process;

    public Uri? BaseAddress { get; private set; }

    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <summary>Starts the host with settings given as environment variables (e.g. "Storage__Path") and waits until it listens;
    /// semantic retrieval is off unless they set Semantic__Enabled.</summary>
    public static async Task<HostProcess> StartAsync(IDictionary<string, string> environment, TimeSpan? timeout = null)
    {
        var hostDll = Path.Combine(AppContext.BaseDirectory, "KazBriefBot.Host.dll");
        var info = new ProcessStartInfo("dotnet", [hostDll, "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Paths.Root,
        };
        info.Environment["KAZBRIEF_ROOT"] = Paths.Root;
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["Logging__Console__FormatterName"] = "simple";
        // No model load (and no vector cache in the repository's data/) unless a test asks for it.
        info.Environment["Semantic__Enabled"] = "false";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the host process");
        var host = new HostProcess(process);
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) => host.Record(e.Data, listening);
        process.ErrorDataReceived += (_, e) => host.Record(e.Data, listening);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var finished = await Task.WhenAny(listening.Task, process.WaitForExitAsync(), Task.Delay(timeout ?? TimeSpan.FromSeconds(60)));
        if (finished != listening.Task)
        {
            var output = host.Output;
            await host.DisposeAsync();
            throw new InvalidOperationException($"The host did not start listening. Output:\n{output}");
        }

        host.BaseAddress = await listening.Task;
        return host;
    }

    /// <summary>Kills the process at once (no graceful shutdown), as a crash or an OOM kill would.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Record(string? line, TaskCompletionSource<Uri> listening)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }

        var match = ListeningLine().Match(line);
        if (match.Success)
        {
            listening.TrySetResult(new Uri(match.Groups[1].Value.TrimEnd('/') + "/"));
        }
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
