#!/usr/bin/env python3
"""SQuAD v1.1 dev through the CLI, as a user would run it: each paragraph an article file, every question asked with
`kazbrief ask --questions FILE --json`; a hit is a top quote from the question's own paragraph that holds a gold answer.
Usage: bench/squad-cli/run.py KAZBRIEF_BINARY [--lexical] [--work DIR]"""
import json, os, subprocess, sys, time

def main():
    binary = sys.argv[1]
    lexical = '--lexical' in sys.argv
    work = sys.argv[sys.argv.index('--work') + 1] if '--work' in sys.argv else '/tmp/kb-squad-cli'
    source = os.path.join(os.path.dirname(__file__), '..', '..', '..', 'shared', 'data', 'squad', 'dev-v1.1.json')
    if not os.path.exists(source):
        sys.exit(f'SQuAD dev not found at {source}: this bench needs ../shared/data/squad/dev-v1.1.json')
    corpus = os.path.join(work, 'corpus')
    os.makedirs(corpus, exist_ok=True)
    questions, gold = [], []
    n = 0
    for article in json.load(open(source))['data']:
        for paragraph in article['paragraphs']:
            pid = f'p{n:05d}'
            path = os.path.join(corpus, pid + '.txt')
            if not os.path.exists(path):
                with open(path, 'w') as f:
                    f.write(paragraph['context'].replace('\n', ' ') + '\n')
            for qa in paragraph['qas']:
                questions.append(' '.join(qa['question'].split()))
                gold.append((pid, [a['text'] for a in qa['answers']]))
            n += 1
    qfile = os.path.join(work, 'questions.txt')
    with open(qfile, 'w') as f:
        f.write('\n'.join(questions) + '\n')
    args = [binary, 'ask', '--questions', qfile, '--json', '--corpus', corpus]
    if lexical:
        args.append('--lexical')
    started = time.time()
    env = dict(os.environ, Semantic__CachePath=os.path.join(work, 'embeddings'))
    out = subprocess.run(args, capture_output=True, text=True, env=env)
    if out.returncode != 0:
        sys.exit(out.stderr)
    answers = [json.loads(l) for l in out.stdout.splitlines() if l.strip()]
    assert len(answers) == len(questions), (len(answers), len(questions))
    r1 = mrr = 0.0
    for answer, (pid, texts) in zip(answers, gold):
        for rank, quote in enumerate(answer.get('quotes', [])[:3]):
            if quote['source']['id'].startswith(pid) and any(t in quote['text'] for t in texts):
                r1 += rank == 0
                mrr += 1 / (rank + 1)
                break
    q = len(questions)
    refused = sum(1 for a in answers if not a.get('quotes'))
    print(json.dumps({'mode': 'lexical' if lexical else 'hybrid', 'questions': q, 'r1': round(r1 / q, 4), 'mrr3': round(mrr / q, 4), 'refused': refused, 'wallSeconds': round(time.time() - started, 1)}))

main()
