using BenchmarkDotNet.Attributes;
using GreenApi.Tests.Shared;
using Microsoft.CodeAnalysis;

namespace GreenApi.Benchmarks.Generator;

/// <summary>
/// The whole spec through the generator in-process: a full generation by a new driver (cold: nothing
/// cached, the JIT warm), a run with nothing changed (what the IDE does on every keystroke elsewhere),
/// and a run after one YAML file changed.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private GeneratorRun _run = null!;
    private GeneratorDriver _warm = null!;
    private AdditionalText _old = null!;
    private AdditionalText _new = null!;

    [GlobalSetup]
    public void Setup()
    {
        _run = new GeneratorRun(Path.Combine(Corpus.Root, "spec"));
        _warm = _run.Run(_run.NewDriver());
        (_old, _new) = _run.EditOne("sending.yaml");
        _run.Run(_warm.ReplaceAdditionalText(_old, _new));
    }

    [Benchmark(Description = "generator: cold (new driver)")]
    public GeneratorDriver Cold() => _run.Run(_run.NewDriver());

    [Benchmark(Description = "generator: no change")]
    public GeneratorDriver NoChange() => _run.Run(_warm);

    [Benchmark(Description = "generator: one YAML file edited")]
    public GeneratorDriver OneEdit() => _run.Run(_warm.ReplaceAdditionalText(_old, _new));
}
