namespace ChaosKit.Fakes.AzureOpenAi;

/// <summary>The Azure operation a route calls, as Azure's error messages name it.</summary>
internal enum AzureOperation
{
    /// <summary><c>ChatCompletions_Create</c>.</summary>
    Chat,

    /// <summary><c>Embeddings_Create</c>.</summary>
    Embeddings,

    /// <summary><c>Responses_Create</c>.</summary>
    Responses,
}
