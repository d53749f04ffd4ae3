using ChaosKit.Core.Results;
using ChaosKit.Reports.Html;
using ChaosKit.Reports.Tests.Fixtures;
using ChaosKit.Reports.Words;

namespace ChaosKit.Reports.Tests.Words;

public class ProfileWordsTests
{
    private static SimulationInfo Inject(double rate, double interval, double during) =>
        SimulationInfo.Of("inject", ("rate", rate), ("interval_seconds", interval), ("during_seconds", during));

    [Fact]
    public void Each_simulation_reads_as_it_did_when_the_profile_was_a_sentence()
    {
        SimulationInfo[] profile =
        [
            SimulationInfo.Of("ramping_inject", ("rate", 20), ("interval_seconds", 1), ("during_seconds", 10)),
            Inject(5, 0.5, 30),
            SimulationInfo.Of("inject_random", ("min_rate", 5), ("max_rate", 10), ("interval_seconds", 1), ("during_seconds", 5)),
            SimulationInfo.Of("pause", ("during_seconds", 2)),
        ];

        Assert.Equal("ramping_inject to 20 per 1s over 10s → inject 5 per 500ms for 30s → inject_random 5–10 per 1s for 5s → pause 2s", ProfileWords.Of(profile));
        Assert.Equal("keep_constant 5 copies for 30s", ProfileWords.Of(SimulationInfo.Of("keep_constant", ("copies", 5), ("during_seconds", 30))));
        Assert.Equal("ramping_constant to 4 copies over 1.5s", ProfileWords.Of(SimulationInfo.Of("ramping_constant", ("copies", 4), ("during_seconds", 1.5))));
        Assert.Equal("iterations_for_constant 500 on 4 copies", ProfileWords.Of(SimulationInfo.Of("iterations_for_constant", ("copies", 4), ("iterations", 500))));
        Assert.Equal("iterations_for_inject 25 at 10 per 1s", ProfileWords.Of(SimulationInfo.Of("iterations_for_inject", ("rate", 10), ("interval_seconds", 1), ("iterations", 25))));
    }

    [Fact]
    public void A_one_request_load_reads_without_its_workflow_name_and_workflows_each_after_theirs()
    {
        Assert.Equal("inject 10 per 1s for 40s", ProfileWords.Of([new WorkflowProfile("load", [Inject(10, 1, 40)])]));
        Assert.Equal("ask: inject 5 per 1s for 40s; stream: inject 2 per 1s for 40s",
            ProfileWords.Of([new WorkflowProfile("ask", [Inject(5, 1, 40)]), new WorkflowProfile("stream", [Inject(2, 1, 40)])]));
        Assert.Equal("", ProfileWords.Of(Array.Empty<WorkflowProfile>()));
    }

    [Fact]
    public void A_number_the_simulation_lacks_reads_as_a_dash_not_as_zero()
    {
        var inject = SimulationInfo.Of("inject", ("rate", 5), ("during_seconds", 30));

        Assert.True(double.IsNaN(inject["interval_seconds"]));
        Assert.Equal("inject 5 per — for 30s", ProfileWords.Of(inject));
    }

    [Fact]
    public void A_kind_from_a_newer_version_still_shows_its_numbers()
    {
        Assert.Equal("burst size 7", ProfileWords.Of(SimulationInfo.Of("burst", ("size", 7))));
    }

    [Fact]
    public async Task The_html_report_words_the_profile_data_of_result_json()
    {
        var run = RunResults.OutageRehearsal();
        var result = run with { Load = run.Load with { Profile = [new WorkflowProfile("load", [Inject(10, 1, 40)])] } };

        var html = await Export.ToStringAsync(HtmlReportExporter.Default, result);

        Assert.Contains("<code>inject 10 per 1s for 40s</code>", html);
    }
}
