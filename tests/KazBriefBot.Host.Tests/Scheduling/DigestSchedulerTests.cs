using KazBriefBot.Engine.Commands;
using KazBriefBot.Host.Scheduling;
using KazBriefBot.Host.Storage;
using static KazBriefBot.Host.Tests.Scheduling.DueTimesTests;

namespace KazBriefBot.Host.Tests.Scheduling;

public sealed class DigestSchedulerTests
{
    // 08:00 in Almaty (UTC+5) is 03:00 UTC.
    private static readonly DateTimeOffset Start = Utc("2026-11-22T00:00:00Z");
    private static readonly DateTimeOffset DueDay1 = Utc("2026-11-22T03:00:00Z");
    private static readonly DateTimeOffset DueDay2 = Utc("2026-11-23T03:00:00Z");

    [Fact]
    public async Task Posts_each_day_exactly_once_at_its_due_time()
    {
        using var world = new SchedulerWorld(Start);
        var subscription = await world.SubscribeAsync();

        await world.RunAtAsync(DueDay1.AddMinutes(-1));
        Assert.Empty(world.Poster.Posted);

        await world.RunAtAsync(DueDay1);
        await world.RunAtAsync(DueDay1.AddSeconds(30));
        await world.RunAtAsync(DueDay1.AddHours(5));
        var first = Assert.Single(world.Poster.Posted);
        Assert.Equal(DueDay1, first.At);
        Assert.Equal("19:chat@thread.v2", first.Conversation.ConversationId);
        Assert.Contains("serviceUrl", first.Conversation.Reference, StringComparison.Ordinal);

        await world.RunAtAsync(DueDay2);
        await world.RunAtAsync(DueDay2.AddMinutes(1));
        Assert.Equal(2, world.Poster.Posted.Count);

        var rows = await world.Ledger.ListAsync(subscription.Id);
        Assert.Equal([Day("2026-11-23"), Day("2026-11-22")], rows.Select(r => r.LocalDay));
        Assert.All(rows, r => Assert.Equal(DeliveryStatus.Delivered, r.Status));
        Assert.All(rows, r => Assert.Equal(1, r.Attempts));
    }

    [Fact]
    public async Task A_digest_missed_while_down_is_sent_once_on_restart_within_the_grace_period()
    {
        using var world = new SchedulerWorld(Start);
        var subscription = await world.SubscribeAsync();
        await world.RunAtAsync(DueDay1.AddMinutes(-5));

        // The host is down from 02:55 to 06:55 UTC (4 hours late, grace is 6 hours); a new host comes up over the same file.
        world.Time.Advance(TimeSpan.FromHours(4));
        world.Restart();
        await world.Scheduler.RunOnceAsync(CancellationToken.None);
        world.Restart();
        await world.RunAtAsync(DueDay1.AddHours(4).AddMinutes(1));

        var posted = Assert.Single(world.Poster.Posted);
        Assert.Equal(DueDay1.AddHours(4).AddMinutes(-5), posted.At);
        Assert.Equal(DeliveryStatus.Delivered, (await world.RowAsync(subscription.Id, Day("2026-11-22")))!.Status);
    }

    [Fact]
    public async Task A_digest_missed_beyond_the_grace_period_is_recorded_as_skipped_and_never_sent()
    {
        using var world = new SchedulerWorld(Start);
        var subscription = await world.SubscribeAsync();

        world.Time.Advance(DueDay1 - Start + TimeSpan.FromHours(7));
        world.Restart();
        await world.Scheduler.RunOnceAsync(CancellationToken.None);
        await world.RunAtAsync(DueDay1.AddHours(8));

        Assert.Empty(world.Poster.Posted);
        var row = await world.RowAsync(subscription.Id, Day("2026-11-22"));
        Assert.Equal(DeliveryStatus.Skipped, row!.Status);
        Assert.Equal(0, row.Attempts);
        Assert.Contains("grace period", row.LastError, StringComparison.Ordinal);

        // The next day is delivered normally.
        await world.RunAtAsync(DueDay2);
        Assert.Single(world.Poster.Posted);
    }

    [Fact]
    public async Task Restarts_neither_lose_nor_repeat_a_digest()
    {
        using var world = new SchedulerWorld(Start);
        var subscription = await world.SubscribeAsync();

        // Three days; the host restarts several times each day, before and after the due time.
        for (var day = 0; day < 3; day++)
        {
            var due = DueDay1.AddDays(day);
            world.Restart();
            await world.RunAtAsync(due.AddHours(-1));
            world.Restart();
            await world.RunAtAsync(due);
            world.Restart();
            await world.RunAtAsync(due.AddMinutes(1));
            world.Restart();
            await world.RunAtAsync(due.AddHours(5));
        }

        Assert.Equal([DueDay1, DueDay1.AddDays(1), DueDay1.AddDays(2)], world.Poster.Posted.Select(p => p.At));
        var rows = await world.Ledger.ListAsync(subscription.Id);
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal(DeliveryStatus.Delivered, r.Status));
    }

    [Fact]
    public async Task Two_instances_over_one_database_post_a_day_once()
    {
        using var world = new SchedulerWorld(Start);
        await world.SubscribeAsync();
        await world.SubscribeAsync(conversation: SchedulerWorld.Teams("19:other@thread.v2"));
        world.Poster.Hold = TimeSpan.FromMilliseconds(50);
        world.Time.Advance(DueDay1 - Start);

        var first = world.NewScheduler();
        var second = world.NewScheduler();
        for (var round = 0; round < 3; round++)
        {
            await Task.WhenAll(
                Task.Run(() => first.RunOnceAsync(CancellationToken.None)),
                Task.Run(() => second.RunOnceAsync(CancellationToken.None)));
        }

        Assert.Equal(2, world.Poster.Posted.Count);
        Assert.Equal(2, world.Poster.Posted.Select(p => p.Conversation.ConversationId).Distinct().Count());
    }

    [Fact]
    public async Task A_claim_never_confirmed_is_retried_once_its_lease_runs_out()
    {
        using var world = new SchedulerWorld(Start);
        var subscription = await world.SubscribeAsync();
        world.Time.Advance(DueDay1 - Start);

        // Another process claimed the row and died before confirming (the post may or may not have reached the channel).
        Assert.True(await world.Ledger.RecordDueAsync(subscription.Id, Day("2026-11-22"), DueDay1));
        var row = await world.RowAsync(subscription.Id, Day("2026-11-22"));
        Assert.NotNull(await world.Ledger.TryClaimAsync(row!.Id, "dead-instance", world.Options.LeaseTimeout));

        world.Restart();
        await world.RunAtAsync(DueDay1 + world.Options.LeaseTimeout - TimeSpan.FromSeconds(1));
        Assert.Empty(world.Poster.Posted);

        await world.RunAtAsync(DueDay1 + world.Options.LeaseTimeout);
        await world.RunAtAsync(DueDay1 + world.Options.LeaseTimeout + TimeSpan.FromMinutes(10));
        Assert.Single(world.Poster.Posted);
        row = await world.RowAsync(subscription.Id, Day("2026-11-22"));
        Assert.Equal(DeliveryStatus.Delivered, row!.Status);
        Assert.Equal(2, row.Attempts);
    }

    [Fact]
    public async Task A_failed_delivery_is_retried_with_back_off_honouring_retry_after_then_delivered()
    {
        using var world = new SchedulerWorld(Start, new SchedulingOptions { RetryBaseDelay = TimeSpan.FromMinutes(1), MaxRetryDelay = TimeSpan.FromMinutes(30) });
        var subscription = await world.SubscribeAsync();
        world.Poster.Script = call => call switch
        {
            1 => new DeliveryResult(DeliveryOutcome.RetryLater, "429 Too Many Requests", TimeSpan.FromMinutes(10)),
            2 => new DeliveryResult(DeliveryOutcome.RetryLater, "503 Service Unavailable"),
            _ => DeliveryResult.Delivered,
        };

        await world.RunAtAsync(DueDay1);
        var row = await world.RowAsync(subscription.Id, Day("2026-11-22"));
        Assert.Equal(DeliveryStatus.Pending, row!.Status);
        Assert.Equal(1, row.Attempts);
        Assert.Equal("429 Too Many Requests", row.LastError);
        Assert.Equal(DueDay1.AddMinutes(10), row.NextAttemptAt); // Retry-After (10 min) beats the 1 min back-off.

        await world.RunAtAsync(DueDay1.AddMinutes(10).AddSeconds(-1));
        Assert.Single(world.Poster.Posted);

        await world.RunAtAsync(DueDay1.AddMinutes(10));
        row = await world.RowAsync(subscription.Id, Day("2026-11-22"));
        Assert.Equal(2, row!.Attempts);
        Assert.Equal("503 Service Unavailable", row.LastError);
        Assert.Equal(DueDay1.AddMinutes(12), row.NextAttemptAt); // Second failure: 2 min back-off.

        world.Restart(); // The retry survives a restart.
        await world.RunAtAsync(DueDay1.AddMinutes(12).AddSeconds(-1));
        Assert.Equal(2, world.Poster.Posted.Count);
        await world.RunAtAsync(DueDay1.AddMinutes(12));
        await world.RunAtAsync(DueDay1.AddMinutes(40));

        Assert.Equal([DueDay1, DueDay1.AddMinutes(10), DueDay1.AddMinutes(12)], world.Poster.Posted.Select(p => p.At));
        row = await world.RowAsync(subscription.Id, Day("2026-11-22"));
        Assert.Equal(DeliveryStatus.Delivered, row!.Status);
        Assert.Equal(3, row.Attempts);
        Assert.Equal(DueDay1.AddMinutes(12), row.DeliveredAt);
    }

    [Fact]
    public void Back_off_doubles_up_to_its_cap_and_never_undercuts_retry_after()
    {
        var options = new SchedulingOptions { RetryBaseDelay = TimeSpan.FromMinutes(1), MaxRetryDelay = TimeSpan.FromMinutes(30) };
        Assert.Equal(
            [1, 2, 4, 8, 16, 30, 30],
            Enumerable.Range(1, 7).Select(n => DigestScheduler.RetryDelay(n, null, options).TotalMinutes));
        Assert.Equal(TimeSpan.FromMinutes(45), DigestScheduler.RetryDelay(1, TimeSpan.FromMinutes(45), options));
        Assert.Equal(TimeSpan.FromMinutes(4), DigestScheduler.RetryDelay(3, TimeSpan.FromSeconds(5), options));
    }

    [Fact]
    public async Task After_the_last_attempt_the_digest_is_marked_failed_and_not_tried_again()
    {
        using var world = new SchedulerWorld(Start, new SchedulingOptions { MaxAttempts = 3 });
        var subscription = await world.SubscribeAsync();
        world.Poster.Script = _ => new DeliveryResult(DeliveryOutcome.RetryLater, "502 Bad Gateway");

        for (var minutes = 0; minutes <= 120; minutes += 1)
        {
            await world.RunAtAsync(DueDay1.AddMinutes(minutes));
        }

        Assert.Equal(3, world.Poster.Posted.Count);
        var row = await world.RowAsync(subscription.Id, Day("2026-11-22"));
        Assert.Equal(DeliveryStatus.Failed, row!.Status);
        Assert.Equal(3, row.Attempts);
        Assert.Equal("gave up after 3 attempts: 502 Bad Gateway", row.LastError);
    }

    [Fact]
    public async Task A_blocked_conversation_pauses_its_subscription_until_it_subscribes_again()
    {
        using var world = new SchedulerWorld(Start);
        var subscription = await world.SubscribeAsync();
        world.Poster.Script = _ => new DeliveryResult(DeliveryOutcome.Blocked, "MessageWritesBlocked");

        await world.RunAtAsync(DueDay1);
        await world.RunAtAsync(DueDay2);
        Assert.Single(world.Poster.Posted);

        var paused = await world.Store.FindAsync("teams", subscription.Conversation.ConversationId);
        Assert.True(paused!.Paused);
        Assert.Equal("blocked: MessageWritesBlocked", paused.PausedReason);
        Assert.Equal(DueDay1, paused.PausedAt);
        var row = await world.RowAsync(subscription.Id, Day("2026-11-22"));
        Assert.Equal(DeliveryStatus.Failed, row!.Status);
        Assert.Null(await world.RowAsync(subscription.Id, Day("2026-11-23")));

        // Subscribing again resumes from now on: the day missed while paused is not sent late.
        world.Poster.Script = _ => DeliveryResult.Delivered;
        world.Time.Advance(TimeSpan.FromMinutes(30));
        var result = await world.Store.SubscribeAsync(subscription.Conversation, subscription.LocalTime, subscription.TimeZoneId);
        Assert.Equal(SubscribeChange.Resumed, result.Change);
        await world.RunAtAsync(DueDay2.AddHours(1));
        Assert.Single(world.Poster.Posted);
        await world.RunAtAsync(DueDay2.AddDays(1));
        Assert.Equal(2, world.Poster.Posted.Count);
    }

    [Fact]
    public async Task A_rejected_digest_is_failed_once_and_the_next_day_is_still_posted()
    {
        using var world = new SchedulerWorld(Start);
        var subscription = await world.SubscribeAsync();
        world.Poster.Script = _ => new DeliveryResult(DeliveryOutcome.Rejected, "MessageSizeTooBig");

        await world.RunAtAsync(DueDay1);
        await world.RunAtAsync(DueDay1.AddHours(2));
        Assert.Single(world.Poster.Posted);
        var row = await world.RowAsync(subscription.Id, Day("2026-11-22"));
        Assert.Equal(DeliveryStatus.Failed, row!.Status);
        Assert.Equal("rejected: MessageSizeTooBig", row.LastError);
        Assert.False((await world.Store.FindAsync("teams", subscription.Conversation.ConversationId))!.Paused);

        world.Poster.Script = _ => DeliveryResult.Delivered;
        await world.RunAtAsync(DueDay2);
        Assert.Equal(2, world.Poster.Posted.Count);
    }

    [Fact]
    public async Task An_unsubscribed_conversation_gets_nothing_and_resubscribing_the_same_day_does_not_repeat()
    {
        using var world = new SchedulerWorld(Start);
        var subscription = await world.SubscribeAsync();
        await world.RunAtAsync(DueDay1);
        Assert.Single(world.Poster.Posted);

        // Same day: unsubscribe, then subscribe for a later time today. Today's digest was already delivered.
        Assert.True(await world.Store.UnsubscribeAsync("teams", subscription.Conversation.ConversationId));
        var again = await world.SubscribeAsync("10:00");
        Assert.Equal(subscription.Id, again.Id);
        await world.RunAtAsync(DueDay1.AddHours(2));
        await world.RunAtAsync(DueDay1.AddHours(3));
        Assert.Single(world.Poster.Posted);

        Assert.True(await world.Store.UnsubscribeAsync("teams", subscription.Conversation.ConversationId));
        await world.RunAtAsync(DueDay2.AddHours(2));
        Assert.Single(world.Poster.Posted);
    }

    [Fact]
    public async Task A_digest_with_nothing_new_is_one_line()
    {
        using var world = new SchedulerWorld(Start);
        await world.SubscribeAsync();
        await world.RunAtAsync(DueDay1);

        var reply = Assert.Single(world.Poster.Posted).Reply;
        var line = Assert.IsType<TextBlock>(Assert.Single(reply.Blocks));
        Assert.Equal("No new articles since 2026-11-21.", line.Text);
        Assert.DoesNotContain('\n', line.Text);
    }

    [Fact]
    public async Task Undated_articles_appear_by_the_time_they_were_added_and_never_twice()
    {
        using var world = new SchedulerWorld(Start);
        world.AddArticle("100_first", "Astana hosts a trade forum\n\nDelegations from both countries met to discuss transport corridors and investment.\n", DueDay1.AddHours(-2));
        world.AddArticle("099_old", "An older report\n\nThis article was added long before the subscription started.\n", DueDay1.AddDays(-3));
        await world.SubscribeAsync();

        await world.RunAtAsync(DueDay1);
        var first = Assert.Single(world.Poster.Posted).Reply;
        var digest = Assert.Single(first.Blocks.OfType<DigestBlock>()).Digest;
        Assert.Equal(["100_first"], digest.Undated.Select(i => i.Source.Id));

        // Day 2: nothing added since the first digest.
        await world.RunAtAsync(DueDay2);
        Assert.Equal("No new articles since the digest of 2026-11-22.", Assert.IsType<TextBlock>(Assert.Single(world.Poster.Posted[1].Reply.Blocks)).Text);

        // Day 3: one new article; only it is sent.
        world.AddArticle("101_second", "Kazakhstan and the US sign a memorandum\n\nThe memorandum covers critical minerals and rail links.\n", DueDay2.AddHours(3));
        await world.RunAtAsync(DueDay2.AddDays(1));
        digest = Assert.Single(world.Poster.Posted[2].Reply.Blocks.OfType<DigestBlock>()).Digest;
        Assert.Equal(["101_second"], digest.Undated.Select(i => i.Source.Id));
    }

    [Fact]
    public async Task Daylight_saving_days_are_posted_once_at_the_documented_instant()
    {
        using var world = new SchedulerWorld(Utc("2026-03-07T00:00:00Z"));
        var spring = await world.SubscribeAsync("02:30", "America/New_York");

        await world.RunAtAsync(Utc("2026-03-07T07:30:00Z")); // 2026-03-07 02:30 EST
        Assert.Single(world.Poster.Posted);

        // 2026-03-08: 02:30 does not exist in New York; posted at 03:30 EDT = 07:30 UTC.
        await world.RunAtAsync(Utc("2026-03-08T07:29:00Z"));
        Assert.Single(world.Poster.Posted);
        await world.RunAtAsync(Utc("2026-03-08T07:30:00Z"));
        await world.RunAtAsync(Utc("2026-03-08T09:00:00Z"));
        Assert.Equal([Utc("2026-03-07T07:30:00Z"), Utc("2026-03-08T07:30:00Z")], world.Poster.Posted.Select(p => p.At));
        Assert.NotNull(await world.RowAsync(spring.Id, Day("2026-03-08")));

        // 2026-11-01: 01:30 happens twice; posted at the first (05:30 UTC) only.
        await world.Store.SubscribeAsync(spring.Conversation, Time("01:30"), "America/New_York");
        await world.RunAtAsync(Utc("2026-11-01T05:00:00Z"));
        var before = world.Poster.Posted.Count;
        await world.RunAtAsync(Utc("2026-11-01T05:30:00Z"));
        await world.RunAtAsync(Utc("2026-11-01T06:30:00Z"));
        await world.RunAtAsync(Utc("2026-11-01T07:00:00Z"));
        Assert.Equal(before + 1, world.Poster.Posted.Count);
        Assert.Equal(Utc("2026-11-01T05:30:00Z"), world.Poster.Posted[^1].At);
    }

    [Fact]
    public async Task The_background_service_posts_when_the_fake_clock_reaches_the_due_time()
    {
        using var world = new SchedulerWorld(DueDay1.AddMinutes(-3), new SchedulingOptions { PollInterval = TimeSpan.FromMinutes(1) });
        await world.SubscribeAsync();
        await world.Scheduler.StartAsync(CancellationToken.None);
        try
        {
            // Let the first pass finish and its timer start, then move the clock to the due time. If the timer was
            // registered late (a slow machine), nudge the clock by a second now and then.
            await Task.Delay(300);
            world.Time.Advance(TimeSpan.FromMinutes(3));
            for (var tick = 1; tick <= 100 && world.Poster.Posted.Count == 0; tick++)
            {
                await Task.Delay(50);
                if (tick % 20 == 0)
                {
                    world.Time.Advance(TimeSpan.FromSeconds(1));
                }
            }

            await world.Poster.WaitForAsync(1, TimeSpan.FromSeconds(5));
            Assert.InRange(world.Poster.Posted[0].At, DueDay1, DueDay1.AddSeconds(10));

            // Later ticks of the same day post nothing more.
            world.Time.Advance(TimeSpan.FromMinutes(2));
            await Task.Delay(300);
        }
        finally
        {
            await world.Scheduler.StopAsync(CancellationToken.None);
        }

        Assert.Single(world.Poster.Posted);
    }
}
