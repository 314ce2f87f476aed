using KazBriefBot.Host;
using Microsoft.Extensions.Options;

try
{
    var app = BotHost.Build(args);
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ConfigurationFailures(ex) is { Count: > 0 } failures)
{
    // Configuration mistakes get one clear line each, not a stack trace.
    await Console.Error.WriteLineAsync("KazBriefBot cannot start: invalid configuration.");
    foreach (var failure in failures)
    {
        await Console.Error.WriteLineAsync("  - " + failure);
    }

    return 2;
}
catch (IOException ex) when (ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
{
    await Console.Error.WriteLineAsync($"KazBriefBot cannot start: {ex.Message} Stop the other process or choose another address with --urls.");
    return 3;
}

// Start-up validation throws one OptionsValidationException, or an AggregateException of them when several options fail.
static List<string> ConfigurationFailures(Exception ex) => ex switch
{
    OptionsValidationException options => options.Failures.ToList(),
    AggregateException aggregate when aggregate.InnerExceptions.All(e => e is OptionsValidationException) =>
        aggregate.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures).ToList(),
    _ => [],
};
