# socklab's own words: headings, verdicts, tallies, messages of the CLI.
# Each message's .en is the English template in the code (tr!), with
# {name} where the code puts an argument; the Chinese uses { $name }.

## The checks table

lab-heading = 实验 { $number } · { $slug } · { $title }
    .en = Lab {"{"}number{"}"} · {"{"}slug{"}"} · {"{"}title{"}"}
column-check = 检查项
    .en = Check
column-expected = 预期
    .en = Expected
column-observed = 实测
    .en = Observed
column-verdict = 结论
    .en = Verdict
column-runs = 次数
    .en = Runs
verdict-pass = 通过
    .en = pass
verdict-mismatch = 不符
    .en = MISMATCH
verdict-skipped = 跳过
    .en = skipped
verdict-skipped-because = 跳过（{ $reason }）
    .en = skipped ({"{"}reason{"}"})
tally-counts = { $passed } 项通过，{ $mismatched } 项不符
    .en = {"{"}passed{"}"} passed, {"{"}mismatched{"}"} mismatched
tally-skipped = ，{ $skipped } 项跳过
    .en = , {"{"}skipped{"}"} skipped
tally-line = { $counts } · { $ms } ms
    .en = {"{"}counts{"}"} · {"{"}ms{"}"} ms
overall-line = { $labs } 个实验，{ $checks } 项检查：{ $counts }
    .en = {"{"}labs{"}"} labs, {"{"}checks{"}"} checks: {"{"}counts{"}"}
timeline-heading = 实验 { $number } 的时间线：
    .en = Timeline of lab {"{"}number{"}"}:

## socklab list, socklab exercises

column-slug = 短名
    .en = Slug
column-title = 标题
    .en = Title
column-shows = 演示内容
    .en = Shows
column-typical-run = 典型用时
    .en = Typical run
column-id = 编号
    .en = Id
column-lab = 实验
    .en = Lab
column-exercise = 练习
    .en = Exercise
column-done = 完成
    .en = Done
exercise-done = 已完成
    .en = done
exercise-not-yet = 未完成
    .en = not yet
exercise-summary =
    练习 { $id }：{ $plays }，地址 { $address }。
    你的程序：{ $program }
    .en =
        Exercise {"{"}id{"}"}: {"{"}plays{"}"}, on {"{"}address{"}"}.
        Your program: {"{"}program{"}"}

## --step

narration-lab = ━━ 实验 { $number }：{ $title } ━━
    .en = ━━ Lab {"{"}number{"}"}: {"{"}title{"}"} ━━
narration-step = ▶ 第 { $number } 步：{ $what }
    .en = ▶ Step {"{"}number{"}"}: {"{"}what{"}"}
narration-watch = 注意看：{ $watch }
    .en = Watch: {"{"}watch{"}"}
narration-enter = [按 Enter 运行这一步]
    .en = [Enter to run this step]
