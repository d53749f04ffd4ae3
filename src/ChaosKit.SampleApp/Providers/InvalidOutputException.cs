namespace ChaosKit.SampleApp.Providers;

/// <summary>A provider answered, but not with something the user can be given (empty, too long, not the JSON asked for).</summary>
internal sealed class InvalidOutputException(string message) : Exception(message);
