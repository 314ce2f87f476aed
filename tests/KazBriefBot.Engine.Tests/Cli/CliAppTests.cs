using System.Text.Json;
using KazBriefBot.Cli;

namespace KazBriefBot.Engine.Tests.Cli;

public sealed class CliAppTests
{
    private static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CliApp.RunAsync(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Ask_prints_a_readable_answer_with_sources()
    {
        var (exit, output, error) = await RunAsync("ask", "What did Blinken announce?", "--corpus", TestCorpus.SeedsFolder);
        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, error);
        Assert.Contains("additional 25 million", output, StringComparison.Ordinal);
        Assert.Contains("001_43cb461444ca7a2a", output, StringComparison.Ordinal);
        Assert.Contains("1. “", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_json_has_exactly_the_documented_shape()
    {
        var (exit, output, _) = await RunAsync("ask", "What did Blinken announce?", "--json", "--corpus", TestCorpus.SeedsFolder);
        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(["question", "answered", "message", "quotes", "figures"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("What did Blinken announce?", root.GetProperty("question").GetString());
        Assert.True(root.GetProperty("answered").GetBoolean());
        var quote = root.GetProperty("quotes")[0];
        Assert.Equal(["text", "speaker", "score", "source"], quote.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["id", "title", "publisher", "author", "date", "path", "start", "end"], quote.GetProperty("source").EnumerateObject().Select(p => p.Name));
        var source = quote.GetProperty("source");
        // "path" is the corpus folder's name and the file name, whatever form --corpus took.
        Assert.Equal("seeds/", source.GetProperty("path").GetString()![..6]);
        var fileText = File.ReadAllText(Path.Combine(TestCorpus.Root, source.GetProperty("path").GetString()!));
        Assert.Equal(quote.GetProperty("text").GetString(), fileText[source.GetProperty("start").GetInt32()..source.GetProperty("end").GetInt32()]);
        Assert.Equal(JsonValueKind.Number, quote.GetProperty("score").ValueKind);
    }

    [Fact]
    public async Task Ask_json_without_an_answer_has_no_quotes()
    {
        var (exit, output, _) = await RunAsync("ask", "What is the population of Kazakhstan?", "--json", "--corpus", TestCorpus.SeedsFolder);
        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(output);
        Assert.False(doc.RootElement.GetProperty("answered").GetBoolean());
        Assert.Equal(0, doc.RootElement.GetProperty("quotes").GetArrayLength());
        Assert.StartsWith("I found nothing about that in the 5 articles", doc.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Questions_file_gives_one_json_object_per_question()
    {
        var file = Path.Combine(TestCorpus.NewTempFolder(), "questions.txt");
        await File.WriteAllLinesAsync(file, ["What did Blinken announce?", "", "# a comment", "What is the population of Kazakhstan?", "Who is Ariel Cohen?"]);
        var (exit, output, _) = await RunAsync("ask", "--questions", file, "--json", "--corpus", TestCorpus.SeedsFolder);
        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        var questions = lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("question").GetString()).ToList();
        Assert.Equal(["What did Blinken announce?", "What is the population of Kazakhstan?", "Who is Ariel Cohen?"], questions);
    }

    [Fact]
    public async Task More_gives_the_next_quotes()
    {
        var (_, first, _) = await RunAsync("ask", "What did Blinken announce?", "--json", "--corpus", TestCorpus.SeedsFolder);
        var (exit, more, _) = await RunAsync("ask", "What did Blinken announce?", "--json", "--more", "3", "--corpus", TestCorpus.SeedsFolder);
        Assert.Equal(0, exit);
        var firstTexts = JsonDocument.Parse(first).RootElement.GetProperty("quotes").EnumerateArray().Select(q => q.GetProperty("text").GetString()).ToList();
        var moreTexts = JsonDocument.Parse(more).RootElement.GetProperty("quotes").EnumerateArray().Select(q => q.GetProperty("text").GetString()).ToList();
        Assert.NotEmpty(moreTexts);
        Assert.Empty(firstTexts.Intersect(moreTexts));
    }

    [Fact]
    public async Task Eval_reports_the_development_set_hit_rates()
    {
        var devset = Path.Combine(TestCorpus.Root, "tests", "KazBriefBot.Engine.Tests", "Answering", "devset.tsv");
        var (exit, output, _) = await RunAsync("eval", devset, "--json", "--corpus", TestCorpus.SeedsFolder);
        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(11, lines.Length);
        var summary = JsonDocument.Parse(lines[^1]).RootElement;
        Assert.Equal(10, summary.GetProperty("questions").GetInt32());
        Assert.Equal(10, summary.GetProperty("top3").GetInt32());
        Assert.True(summary.GetProperty("top1").GetInt32() >= 9);
    }

    [Theory]
    [InlineData("error: corpus folder not found", "ask", "What?", "--corpus", "/nonexistent/kazbrief-corpus")]
    [InlineData("error: the question is empty", "ask", "  ")]
    [InlineData("error: unknown option --frobnicate", "ask", "What?", "--frobnicate")]
    [InlineData("error: --more needs a number", "ask", "What?", "--more", "lots")]
    [InlineData("error: questions file not found", "ask", "--questions", "/nonexistent/questions.txt")]
    public async Task Errors_go_to_stderr_with_a_non_zero_exit_code(string expected, params string[] args)
    {
        var withCorpus = args.Contains("--corpus") ? args : [.. args, "--corpus", TestCorpus.SeedsFolder];
        var (exit, output, error) = await RunAsync(withCorpus);
        Assert.NotEqual(0, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
