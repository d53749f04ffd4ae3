using System.Text.Json;
using ChaosKit.Fakes.OpenAi;

namespace ChaosKit.Fakes.Tests.OpenAi;

public sealed class OpenAiFieldsTests
{
    [Theory]
    [InlineData("\"Hello\"", "Hello")]
    [InlineData("\"h\u00e9llo \ud83d\ude00\"", "h\u00e9llo \ud83d\ude00")]           // raw UTF-8: é is one char, the emoji two
    [InlineData("\"tab\\there \\u00e9 \\ud83d\\ude00\"", "tab\there \u00e9 \ud83d\ude00")] // escapes count as what they stand for
    [InlineData("\"\"", "")]
    public void Prompt_text_is_measured_in_utf16_characters_as_the_string_it_decodes_to(string json, string text)
    {
        using var document = JsonDocument.Parse(json);

        Assert.Equal(text.Length, OpenAiFields.TextLength(document.RootElement));
    }

    [Fact]
    public void Content_parts_add_up_their_text()
    {
        using var document = JsonDocument.Parse("""[{"type":"text","text":"ab\u00e9"},{"type":"image_url"},{"text":"c\nd"}]""");

        Assert.Equal(3 + 3, OpenAiFields.TextLength(document.RootElement));
    }
}
