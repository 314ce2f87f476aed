using KazBriefBot.Embeddings;
using Microsoft.Extensions.Options;

namespace KazBriefBot.Host;

/// <summary>Fails the start with the option's own message (e.g. an unknown Semantic:Model) rather than at the first question.</summary>
internal sealed class SemanticOptionsValidator : IValidateOptions<SemanticOptions>
{
    public ValidateOptionsResult Validate(string? name, SemanticOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
