#!/usr/bin/env python3
"""Whole-process comparison, as a user waits for it: `kazbrief ask --questions titles.txt --json --lexical --corpus bbc-x4`
against a small Lucene.NET 4.8 program doing the same job (bench/whole-process/LuceneAsk: EnglishAnalyzer, BM25, one
document per sentence, top 3 per question as JSON lines). bbc-x4 is the 2,225 BBC News articles of
../shared/data/news/bbc-news.csv written as files (title, blank line, text) and copied 4 times: 8,900 files; the
questions are the 2,225 titles.

Builds both (Release), then runs them alternately A B A B (--runs N each, default 3) and prints the medians of wall time,
CPU time (user + sys, of the process and its children) and peak resident memory, with the 1-minute load average of
every run: the machine is shared, so wall time is noisy; CPU time much less so.

Usage: bench/whole-process/run.py [--runs N] [--work DIR] [--copies N] [--questions N] [--semantic]
  --questions N  ask only the first N titles (N=3 shows what loading alone costs)
  --semantic     also time the hybrid path (no --lexical), with a cold and then a warm embedding cache
"""
import csv, json, os, shutil, statistics, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..'))

def arg(name, default):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default

def build(work):
    artifacts = os.path.join(work, 'artifacts')
    env = dict(os.environ, KB_ARTIFACTS=artifacts, DOTNET_CLI_TELEMETRY_OPTOUT='1', DOTNET_NOLOGO='1')
    for project in ('src/KazBriefBot.Cli', 'bench/whole-process/LuceneAsk'):
        out = subprocess.run(['dotnet', 'build', '-c', 'Release', os.path.join(ROOT, project)], env=env, capture_output=True, text=True)
        if out.returncode != 0:
            sys.exit(out.stdout[-4000:] + out.stderr[-2000:])
    return (os.path.join(artifacts, 'bin', 'KazBriefBot.Cli', 'release', 'kazbrief.dll'),
            os.path.join(artifacts, 'bin', 'LuceneAsk', 'release', 'LuceneAsk.dll'))

def corpus(work, copies, questions):
    source = os.path.join(ROOT, '..', 'shared', 'data', 'news', 'bbc-news.csv')
    if not os.path.exists(source):
        sys.exit(f'BBC News not found at {source}')
    rows = list(csv.DictReader(open(source, encoding='utf-8')))
    folder = os.path.join(work, f'bbc-x{copies}')
    if not os.path.isdir(folder) or len(os.listdir(folder)) != len(rows) * copies:
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder)
        for copy in range(copies):
            for row in rows:
                name = row['id'].replace('/', '-') + ('' if copy == 0 else f'-copy{copy}') + '.txt'
                with open(os.path.join(folder, name), 'w', encoding='utf-8') as f:
                    f.write(row['title'] + '\n\n' + row['text'] + '\n')
    titles = os.path.join(work, f'titles-{questions or "all"}.txt')
    with open(titles, 'w', encoding='utf-8') as f:
        f.write(''.join(r['title'] + '\n' for r in (rows[:questions] if questions else rows)))
    return folder, titles

def measured(command, env=None):
    """Wall seconds, CPU seconds (user + sys) and peak resident memory (MiB) of one process, from GNU time."""
    load = os.getloadavg()[0]
    p = subprocess.run(['/usr/bin/time', '-f', 'KBTIME %e %U %S %M'] + command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    err = p.stderr.decode()
    if p.returncode != 0:
        sys.exit(f'{" ".join(command)} failed ({p.returncode}): {err[-2000:]}')
    wall, user, system, rss = next(l for l in err.splitlines() if l.startswith('KBTIME ')).split()[1:]
    return {'wall': float(wall), 'cpu': float(user) + float(system), 'peak': int(rss) / 1024, 'load': load,
            'lines': p.stdout.count(b'\n'), 'stderr': err}

def main():
    runs = int(arg('--runs', '3'))
    copies = int(arg('--copies', '4'))
    questions = int(arg('--questions', '0'))
    work = arg('--work', '/tmp/kb-whole-process')
    if not os.path.exists('/usr/bin/time'):
        sys.exit('needs GNU time for CPU and peak memory: apt-get install time')
    os.makedirs(work, exist_ok=True)
    ours_dll, lucene_dll = build(work)
    folder, titles = corpus(work, copies, questions)
    env = dict(os.environ, KAZBRIEF_TIMINGS='1', Semantic__CachePath=os.path.join(work, 'embeddings'))
    ours = ['dotnet', ours_dll, 'ask', '--questions', titles, '--json', '--lexical', '--corpus', folder]
    lucene = ['dotnet', lucene_dll, '--corpus', folder, '--questions', titles]
    results = {'ours': [], 'lucene': []}
    for i in range(runs):
        for name, command in (('ours', ours), ('lucene', lucene)):
            r = measured(command, env)
            results[name].append(r)
            timings = next((l for l in r['stderr'].splitlines() if l.startswith('timings:')), '')
            print(json.dumps({'run': i + 1, 'program': name, 'wallSeconds': round(r['wall'], 2), 'cpuSeconds': round(r['cpu'], 2),
                              'peakMiB': round(r['peak']), 'answers': r['lines'], 'load1': round(r['load'], 2), 'timings': timings[9:]}), flush=True)
    med = {n: {k: statistics.median(x[k] for x in v) for k in ('wall', 'cpu', 'peak')} for n, v in results.items()}
    print(f'\n{len(os.listdir(folder))} files, {results["ours"][0]["lines"]} questions, {runs} runs each alternating, medians:')
    print('| | ours | Lucene.NET | ratio |\n|---|---:|---:|---:|')
    for key, label, unit in (('wall', 'wall', 's'), ('cpu', 'CPU (user+sys)', 's'), ('peak', 'peak memory', 'MiB')):
        o, l = med['ours'][key], med['lucene'][key]
        fmt = '{:.0f}' if unit == 'MiB' else '{:.2f}'
        print(f'| {label}, median | {fmt.format(o)} {unit} | {fmt.format(l)} {unit} | {o / l:.2f}x |')
    print(f'load average (1 min) over the runs: {min(r["load"] for v in results.values() for r in v):.2f} to {max(r["load"] for v in results.values() for r in v):.2f}')
    if '--semantic' in sys.argv:
        cache = os.path.join(work, 'embeddings')
        shutil.rmtree(cache, ignore_errors=True)
        semantic = [a for a in ours if a != '--lexical']
        for label in ('cold cache', 'warm cache'):
            r = measured(semantic, env)
            print(json.dumps({'program': 'ours, semantic (hybrid)', 'run': label, 'wallSeconds': round(r['wall'], 2), 'cpuSeconds': round(r['cpu'], 2),
                              'peakMiB': round(r['peak']), 'load1': round(r['load'], 2), 'timings': next((l for l in r['stderr'].splitlines() if l.startswith('timings:')), '')[9:]}), flush=True)

main()
