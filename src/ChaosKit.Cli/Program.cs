using ChaosKit.Cli;

return await ChaosKitCommand.InvokeAsync(args);
