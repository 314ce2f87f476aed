using KazBriefBot.Engine.Corpus;
using Microsoft.Extensions.Options;

namespace KazBriefBot.Host;

/// <summary>Fails the start with a clear message when Corpus:Path does not name an existing folder.</summary>
internal sealed class CorpusFolderValidator(IHostEnvironment environment) : IValidateOptions<CorpusOptions>
{
    public ValidateOptionsResult Validate(string? name, CorpusOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Path))
        {
            // The "must name the folder" rule reports this case.
            return ValidateOptionsResult.Skip;
        }

        var resolved = Path.GetFullPath(options.Path, environment.ContentRootPath);
        if (File.Exists(resolved))
        {
            return ValidateOptionsResult.Fail($"Corpus:Path '{options.Path}' is a file ({resolved}); it must name the folder of article files.");
        }

        return Directory.Exists(resolved)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Corpus:Path '{options.Path}' does not exist (resolved to {resolved}). Set Corpus:Path in appsettings.json, the environment (Corpus__Path) or --Corpus:Path to the folder of article files.");
    }
}
