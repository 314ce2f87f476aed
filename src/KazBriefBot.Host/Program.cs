using KazBriefBot.Host;
using Microsoft.Extensions.Options;

try
{
    var app = BotHost.Build(args);
    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException ex)
{
    // Configuration mistakes get one clear line each, not a stack trace.
    await Console.Error.WriteLineAsync("KazBriefBot cannot start: invalid configuration.");
    foreach (var failure in ex.Failures)
    {
        await Console.Error.WriteLineAsync("  - " + failure);
    }

    return 2;
}
