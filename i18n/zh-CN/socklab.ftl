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
exercise-heading =
    练习 { $id } · 实验 { $number }（{ $slug }）· { $title }
    { $plays }。

    { $task }
    .en =
        Exercise {"{"}id{"}"} · lab {"{"}number{"}"} ({"{"}slug{"}"}) · {"{"}title{"}"}
        {"{"}plays{"}"}.

        {"{"}task{"}"}
exercise-how-to-check =
    用这条命令检查：
      socklab check { $id } -- python3 { $program }
    你的程序从最后两个参数（HOST PORT）拿到地址，也可以读环境变量
    SOCKLAB_HOST、SOCKLAB_PORT 和 SOCKLAB_ADDR（HOST:PORT）；SOCKLAB_DIR 是
    给它存放文件的私有文件夹。程序最多可以运行 { $seconds } 秒（`--time-limit`）。
    .en =
        Check it with:
          socklab check {"{"}id{"}"} -- python3 {"{"}program{"}"}
        Your program gets the address as its last two arguments (HOST PORT) and in
        SOCKLAB_HOST, SOCKLAB_PORT and SOCKLAB_ADDR (HOST:PORT); SOCKLAB_DIR is a
        private folder for files. It may run {"{"}seconds{"}"} s (`--time-limit`).
exercise-hint = 提示：{ $hint }
    .en = Hint: {"{"}hint{"}"}
exercise-stuck = 卡住了？试试 `socklab exercise { $id } --hint`
    .en = Stuck? `socklab exercise {"{"}id{"}"} --hint`
