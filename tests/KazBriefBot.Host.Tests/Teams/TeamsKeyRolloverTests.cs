using System.Net;

namespace KazBriefBot.Host.Tests.Teams;

/// <summary>Signing keys are cached, and refreshed when a token names a key not yet seen (its own host: refreshes are rate-limited).</summary>
public sealed class TeamsKeyRolloverTests(TeamsHostFixture fixture) : IClassFixture<TeamsHostFixture>
{
    private FakeBotFramework Fake => fixture.Fake;

    [Fact]
    public async Task Keys_are_cached_and_a_rolled_over_key_is_fetched()
    {
        // Warm the cache, then check that ordinary requests do not fetch the keys again.
        var warm = fixture.Message("help");
        using (var response = await fixture.PostAsync(warm, fixture.ValidToken()))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var fetches = Fake.KeyRequests;
        for (var i = 0; i < 3; i++)
        {
            using var response = await fixture.PostAsync(fixture.Message("help"), fixture.ValidToken());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(fetches, Fake.KeyRequests);

        // A token signed by a key published after the cache was filled: the unknown key triggers a refresh.
        var rolled = Fake.RollOverKey();
        var accepted = false;
        for (var attempt = 0; attempt < 20 && !accepted; attempt++)
        {
            using var response = await fixture.PostAsync(fixture.Message("help"), TestTokens.Create(rolled, Fake.ServiceUrl));
            accepted = response.StatusCode == HttpStatusCode.OK;
            if (!accepted)
            {
                await Task.Delay(100);
            }
        }

        Assert.True(accepted, "a token signed with the rolled-over key was never accepted");
        Assert.True(Fake.KeyRequests > fetches);
    }
}
