using KazBriefBot.Engine.Text;

namespace KazBriefBot.Engine.Tests.Text;

public sealed class SentenceSplitterTests
{
    private static string[] Split(string text)
    {
        var sentences = SentenceSplitter.Split(text, 0, text.Length);
        foreach (var s in sentences)
        {
            Assert.Equal(s.Text, text[s.Start..s.End]);
        }

        return sentences.Select(s => s.Text).ToArray();
    }

    [Theory]
    [InlineData("He met U.S. President Joe Biden in Washington D.C. Kazakhstan welcomed it.", "He met U.S. President Joe Biden in Washington D.C. Kazakhstan welcomed it.")]
    [InlineData("The visit started on Sept. 17 in New York. It lasted a week.", "The visit started on Sept. 17 in New York.|It lasted a week.")]
    [InlineData("Mr. Smith and Dr. Jones met Prof. Lee. They talked.", "Mr. Smith and Dr. Jones met Prof. Lee.|They talked.")]
    [InlineData("John F. Kennedy visited in Jan. 1963 as planned.", "John F. Kennedy visited in Jan. 1963 as planned.")]
    [InlineData("Trade rose to $3.7bn, or 37.2%, and 1.8 billion tons. Exports grew.", "Trade rose to $3.7bn, or 37.2%, and 1.8 billion tons.|Exports grew.")]
    [InlineData("It is a dialogue with the U.S. The meeting is historic.", "It is a dialogue with the U.S.|The meeting is historic.")]
    [InlineData("Talks in the U.S. align with the goal.", "Talks in the U.S. align with the goal.")]
    [InlineData("See bnn-news.com for details. More later.", "See bnn-news.com for details.|More later.")]
    [InlineData("He waited... and then left. Nobody knew why… Then rain.", "He waited... and then left.|Nobody knew why…|Then rain.")]
    [InlineData("Did they agree? Yes! They did.", "Did they agree?|Yes!|They did.")]
    [InlineData("Companies such as Apple Inc. The deal closed.", "Companies such as Apple Inc.|The deal closed.")]
    [InlineData("It cost approx. five million. No. 5 was next.", "It cost approx. five million.|No. 5 was next.")]
    public void Splits_where_sentences_end_and_nowhere_else(string text, string expected)
    {
        Assert.Equal(expected.Split('|'), Split(text));
    }

    [Theory]
    [InlineData("«US President Biden could visit Kazakhstan and CA,» said Sánchez. Meanwhile, talks went on.",
        "«US President Biden could visit Kazakhstan and CA,» said Sánchez.|Meanwhile, talks went on.")]
    [InlineData("They “stressed the importance of the partnership.” There are 300 ventures.",
        "They “stressed the importance of the partnership.”|There are 300 ventures.")]
    [InlineData("He said \"we are ready.\" Then he left.", "He said \"we are ready.\"|Then he left.")]
    [InlineData("“Is it over?” she asked. “No.”", "“Is it over?” she asked.|“No.”")]
    [InlineData("«We appointed coordinators. We are grateful,» said the Minister.", "«We appointed coordinators.|We are grateful,» said the Minister.")]
    [InlineData("The leaders (as expected.) Then left.", "The leaders (as expected.)|Then left.")]
    public void A_sentence_ending_inside_quotes_keeps_the_closing_mark(string text, string expected)
    {
        Assert.Equal(expected.Split('|'), Split(text));
    }

    [Fact]
    public void A_blank_line_always_ends_a_sentence_and_a_single_line_break_does_not()
    {
        var text = "The heading without a stop\n\nThe total was\nreported today. Next one\r\n\r\nLast paragraph and the total";
        Assert.Equal(
            ["The heading without a stop", "The total was\nreported today.", "Next one", "Last paragraph and the total"],
            Split(text));
    }

    [Fact]
    public void Splits_only_inside_the_given_range_and_numbers_ordinals_from_the_first()
    {
        const string text = "IGNORED. First one. Second one. IGNORED TOO.";
        var start = text.IndexOf("First", StringComparison.Ordinal);
        var end = text.IndexOf(" IGNORED TOO", StringComparison.Ordinal);
        var sentences = SentenceSplitter.Split(text, start, end, firstOrdinal: 7);
        Assert.Equal(["First one.", "Second one."], sentences.Select(s => s.Text));
        Assert.Equal([7, 8], sentences.Select(s => s.Ordinal));
        Assert.Equal(start, sentences[0].Start);
    }

    [Theory]
    [InlineData("   \u00A0 Text with edges.\u00A0 \n")]
    [InlineData("\tOne.  Two.\u00A0\u00A0")]
    public void Sentences_never_start_or_end_with_whitespace(string text)
    {
        var sentences = Split(text);
        Assert.NotEmpty(sentences);
        foreach (var s in sentences)
        {
            Assert.False(char.IsWhiteSpace(s[0]));
            Assert.False(char.IsWhiteSpace(s[^1]));
        }
    }

    [Fact]
    public void Punctuation_only_pieces_are_not_sentences()
    {
        Assert.Equal(["Real text."], Split("*** \n\n Real text. \n\n — …"));
    }
}
