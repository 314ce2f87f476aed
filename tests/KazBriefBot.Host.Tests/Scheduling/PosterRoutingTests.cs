using KazBriefBot.Engine.Commands;
using KazBriefBot.Host.Scheduling;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace KazBriefBot.Host.Tests.Scheduling;

/// <summary>Each due digest goes to the poster of its own channel, once, with the stored conversation reference.</summary>
public sealed class PosterRoutingTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_slack_subscription_is_posted_by_the_slack_poster_only()
    {
        using var world = new SchedulerWorld(Start);
        var slackReference = """{"teamId":"T42","channelId":"C42"}""";
        var slack = new Mock<IChannelPoster>(MockBehavior.Strict);
        slack.SetupGet(p => p.Channel).Returns("slack");
        slack.Setup(p => p.PostAsync(It.IsAny<ConversationRef>(), It.IsAny<Reply>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(DeliveryResult.Delivered);
        var scheduler = new DigestScheduler(world.Store, world.Ledger, new DigestComposer(world.Engine), [world.Poster, slack.Object],
            world.Time, Microsoft.Extensions.Options.Options.Create(world.Options), NullLogger<DigestScheduler>.Instance);

        await world.SubscribeAsync("08:00", "Asia/Almaty", new ConversationRef("slack", "C42", "U1", slackReference));

        await world.RunAtAsync(Start.AddHours(3).AddMinutes(1), scheduler);   // 08:01 in Almaty
        await world.RunAtAsync(Start.AddHours(4), scheduler);                  // a later pass must not post again

        slack.Verify(p => p.PostAsync(
            It.Is<ConversationRef>(c => c.Channel == "slack" && c.ConversationId == "C42" && c.Reference == slackReference),
            It.Is<Reply>(r => r.Blocks.Count > 0),
            It.Is<string>(key => key.StartsWith("digest:", StringComparison.Ordinal)),
            It.IsAny<CancellationToken>()), Times.Once);
        Assert.Empty(world.Poster.Posted);
    }
}
