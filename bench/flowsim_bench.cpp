// Google Benchmark for the library on a generated network (bench/generate.py): loading,
// the configuration view, reachability, route enumeration counted and streamed, and the
// simulation (runs and edge trials per second on one thread).
//
//     flowsim_bench [--benchmark_...] DIR SOURCE [HOPS...]
//
// DIR holds scenario.yaml; SOURCE is the node the routes start from (meta.json's
// `source_agency` or `deadend_camera`); the routes end at `tag:ice` and carry plate
// reads. HOPS are the hop bounds to enumerate with (default 4 5); 0 means no bound.
// Built only with -DFLOWSIM_BUILD_BENCH=ON (the `bench` preset); `make bench` runs it.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <flowsim/configuration_view.hpp>
#include <flowsim/io/route_writer.hpp>
#include <flowsim/io/scenario_loader.hpp>
#include <flowsim/query_request.hpp>
#include <flowsim/route_finder.hpp>
#include <flowsim/simulation.hpp>

#include <benchmark/benchmark.h>

namespace {

struct Setup {
    std::string scenario_path;
    std::string source;
    std::vector<long> hops;
    std::unique_ptr<flowsim::Scenario> scenario;  // loaded once, for all but BM_Load
};

Setup& setup() {
    static Setup instance;
    return instance;
}

flowsim::ResolvedQuery resolve(const flowsim::Scenario& scenario, long hops) {
    flowsim::QueryRequest request;
    request.from = setup().source;
    request.data = "plate_read";
    if (hops > 0) {
        request.max_hops = static_cast<std::size_t>(hops);
    }
    std::vector<std::string> errors;
    flowsim::ResolvedQuery query = flowsim::resolve_request(scenario, request, errors);
    if (!errors.empty()) {
        std::fprintf(stderr, "flowsim_bench: %s\n", errors.front().c_str());
        std::exit(2);
    }
    return query;
}

void BM_Load(benchmark::State& state) {
    for (auto _ : state) {
        flowsim::io::LoadResult result = flowsim::io::load_scenario_file(setup().scenario_path);
        if (!result.ok()) {
            state.SkipWithError("the scenario does not load");
            return;
        }
        state.counters["edges"] = static_cast<double>(result.scenario->edges().size());
        benchmark::DoNotOptimize(result);
    }
}

void BM_ConfigurationView(benchmark::State& state) {
    const flowsim::Scenario& scenario = *setup().scenario;
    const flowsim::ResolvedQuery query = resolve(scenario, 0);
    for (auto _ : state) {
        flowsim::ConfigurationView view(scenario, query.activity);
        benchmark::DoNotOptimize(view);
    }
}

// Building the route finder's arrays and distances, then plain reachability.
void BM_Reachability(benchmark::State& state) {
    const flowsim::Scenario& scenario = *setup().scenario;
    const flowsim::ResolvedQuery query = resolve(scenario, 0);
    const flowsim::ConfigurationView view(scenario, query.activity);
    for (auto _ : state) {
        flowsim::RouteFinder finder(view, query.routes);
        benchmark::DoNotOptimize(finder.maybe_reachable());
    }
}

// Every route of at most state.range(0) hops (0: no bound), counted.
void BM_EnumerateCounted(benchmark::State& state) {
    const flowsim::Scenario& scenario = *setup().scenario;
    const flowsim::ResolvedQuery query = resolve(scenario, state.range(0));
    const flowsim::ConfigurationView view(scenario, query.activity);
    std::size_t routes = 0;
    for (auto _ : state) {
        flowsim::RouteFinder finder(view, query.routes);
        routes = finder.enumerate([](const flowsim::Route&) { return true; }).routes;
    }
    state.counters["routes"] = static_cast<double>(routes);
    state.counters["routes_per_s"] =
        benchmark::Counter(static_cast<double>(routes) * static_cast<double>(state.iterations()),
                           benchmark::Counter::kIsRate);
}

// The same routes written as JSON (`paths --format json`) to /dev/null.
void BM_EnumerateStreamed(benchmark::State& state) {
    const flowsim::Scenario& scenario = *setup().scenario;
    const flowsim::ResolvedQuery query = resolve(scenario, state.range(0));
    const flowsim::ConfigurationView view(scenario, query.activity);
    std::ofstream sink("/dev/null", std::ios::binary);
    std::size_t routes = 0;
    for (auto _ : state) {
        flowsim::RouteFinder finder(view, query.routes);
        flowsim::io::PathsWriter writer(sink, flowsim::io::RouteFormat::kJson, scenario,
                                        flowsim::io::make_header(view, query, "bench"));
        const flowsim::Enumeration done = finder.enumerate([&](const flowsim::Route& route) {
            writer.route(route);
            return true;
        });
        writer.finish(done.routes, done.completion);
        routes = done.routes;
    }
    state.counters["routes"] = static_cast<double>(routes);
    state.counters["routes_per_s"] =
        benchmark::Counter(static_cast<double>(routes) * static_cast<double>(state.iterations()),
                           benchmark::Counter::kIsRate);
}

// The writer alone: the routes of at most state.range(0) hops, found once, then written
// as JSON to /dev/null on each iteration (routes_per_s is the writer's speed).
void BM_WriteJson(benchmark::State& state) {
    const flowsim::Scenario& scenario = *setup().scenario;
    const flowsim::ResolvedQuery query = resolve(scenario, state.range(0));
    const flowsim::ConfigurationView view(scenario, query.activity);
    std::vector<flowsim::Route> routes;
    flowsim::RouteFinder(view, query.routes).enumerate([&](const flowsim::Route& route) {
        routes.push_back(route);
        return true;
    });
    std::ofstream sink("/dev/null", std::ios::binary);
    for (auto _ : state) {
        flowsim::io::PathsWriter writer(sink, flowsim::io::RouteFormat::kJson, scenario,
                                        flowsim::io::make_header(view, query, "bench"));
        for (const flowsim::Route& route : routes) {
            writer.route(route);
        }
        writer.finish(routes.size(), {});
    }
    state.counters["routes"] = static_cast<double>(routes.size());
    state.counters["routes_per_s"] = benchmark::Counter(
        static_cast<double>(routes.size()) * static_cast<double>(state.iterations()),
        benchmark::Counter::kIsRate);
}

// state.range(0) runs of the simulation from the source to ICE, on one thread (the
// preparation, a compiled graph per source, is outside the timing), timed by processor
// time: the rates are per core.
void BM_Simulate(benchmark::State& state) {
    const flowsim::Scenario& scenario = *setup().scenario;
    const flowsim::ResolvedQuery query = resolve(scenario, 0);
    const flowsim::ConfigurationView view(scenario, query.activity);
    const flowsim::Simulation simulation(view, query.routes);
    flowsim::SimulationSettings settings;
    settings.runs = static_cast<std::uint64_t>(state.range(0));
    settings.threads = 1;
    std::uint64_t trials = 0;
    std::uint64_t reached = 0;
    for (auto _ : state) {
        // The runs happen on a worker thread: time them by the processor time of the whole
        // process, which is the time of one core.
        const std::clock_t start = std::clock();
        const flowsim::SimulationResult result = simulation.simulate(settings);
        state.SetIterationTime(static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC);
        trials += result.edge_trials;
        reached = result.pairs.empty() ? 0 : result.pairs.front().reached;
        ++settings.seed;  // other draws each time, same amount of work on average
    }
    const auto runs = static_cast<double>(settings.runs) * static_cast<double>(state.iterations());
    state.counters["runs_per_s"] = benchmark::Counter(runs, benchmark::Counter::kIsRate);
    state.counters["edge_trials_per_s"] =
        benchmark::Counter(static_cast<double>(trials), benchmark::Counter::kIsRate);
    state.counters["trials_per_run"] = static_cast<double>(trials) / runs;
    state.counters["reached"] = static_cast<double>(reached) / static_cast<double>(settings.runs);
}

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (argc < 3) {
        std::fprintf(stderr, "usage: flowsim_bench [--benchmark_...] DIR SOURCE [HOPS...]\n");
        return 2;
    }
    Setup& s = setup();
    s.scenario_path = std::string(argv[1]) + "/scenario.yaml";
    s.source = argv[2];
    for (int i = 3; i < argc; ++i) {
        s.hops.push_back(std::strtol(argv[i], nullptr, 10));
    }
    if (s.hops.empty()) {
        s.hops = {4, 5};
    }
    flowsim::io::LoadResult loaded = flowsim::io::load_scenario_file(s.scenario_path);
    if (!loaded.ok()) {
        std::fprintf(stderr, "flowsim_bench: %s does not load (run flowsim check on it)\n",
                     s.scenario_path.c_str());
        return 2;
    }
    s.scenario = std::make_unique<flowsim::Scenario>(std::move(*loaded.scenario));

    const auto ms = benchmark::kMillisecond;
    benchmark::RegisterBenchmark("load", BM_Load)->Unit(ms)->Iterations(3);
    benchmark::RegisterBenchmark("configuration_view", BM_ConfigurationView)->Unit(ms);
    benchmark::RegisterBenchmark("reachability", BM_Reachability)->Unit(ms);
    for (const long hops : s.hops) {
        benchmark::RegisterBenchmark("enumerate_counted", BM_EnumerateCounted)->Arg(hops)->Unit(ms);
        benchmark::RegisterBenchmark("enumerate_streamed_json", BM_EnumerateStreamed)
            ->Arg(hops)
            ->Unit(ms);
        benchmark::RegisterBenchmark("write_json", BM_WriteJson)->Arg(hops)->Unit(ms);
    }
    benchmark::RegisterBenchmark("simulate", BM_Simulate)->Arg(1000)->Unit(ms)->UseManualTime();
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
