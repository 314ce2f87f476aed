using KazBriefBot.Engine.Corpus;
using KazBriefBot.Ingestion;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace KazBriefBot.Host.Ingestion;

/// <summary>Registers feed polling: options from "Ingest" checked at start, one fetcher over a safe handler with one retry
/// of transient failures, the ingestor and the background poller.</summary>
public static class IngestionSetup
{
    public const string ClientName = "ingest";

    public static IServiceCollection AddIngestion(this IServiceCollection services)
    {
        services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IngestOptions>, IngestOptionsValidator>();

        services.AddHttpClient(ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => SafeFetcher.CreateHandler(sp.GetRequiredService<IOptions<IngestOptions>>().Value))
            .AddResilienceHandler("ingest", static pipeline => pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = 1,
                Delay = TimeSpan.FromSeconds(2),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                // A refused address is final; 408, 429, 5xx and transport failures are worth one more try.
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is not FetchRefusedException and not HttpRequestException { InnerException: FetchRefusedException }
                    && HttpClientResiliencePredicates.IsTransient(args.Outcome)),
            }));

        services.AddSingleton(sp => new SafeFetcher(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(ClientName),
            sp.GetRequiredService<IOptions<IngestOptions>>().Value));
        services.AddSingleton(sp => new Ingestor(
            sp.GetRequiredService<SafeFetcher>(),
            sp.GetRequiredService<IOptions<IngestOptions>>().Value,
            sp.GetRequiredService<IOptions<CorpusOptions>>().Value,
            sp.GetRequiredService<ILogger<Ingestor>>()));
        services.AddSingleton<FeedPoller>();
        services.AddHostedService(sp => sp.GetRequiredService<FeedPoller>());
        return services;
    }

    private sealed class IngestOptionsValidator : IValidateOptions<IngestOptions>
    {
        public ValidateOptionsResult Validate(string? name, IngestOptions options)
        {
            var problems = options.Validate();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
