using Microsoft.Playwright;

namespace KazBriefBot.Host.Tests.Web;

/// <summary>What the browser tests do on the chat page as a user would: type a message and wait for the answer, keep screenshots.</summary>
internal static class ChatPageDriver
{
    /// <summary>Types the text, presses Enter and waits until one more bot answer has finished.</summary>
    public static async Task SendAsync(IPage page, string text)
    {
        var before = await page.Locator(".message.bot:not([aria-busy])").CountAsync();
        await page.GetByLabel("Message").FillAsync(text);
        await page.GetByLabel("Message").PressAsync("Enter");
        await Assertions.Expect(page.Locator(".message.bot:not([aria-busy])")).ToHaveCountAsync(before + 1);
    }

    /// <summary>Where a screenshot goes: screenshots/ under the test output.</summary>
    public static string ScreenshotPath(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }

    public static Task Screenshot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath(name), FullPage = true });
}
