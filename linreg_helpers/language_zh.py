"""The Chinese (简体中文) version of every sentence the package shows a learner, keyed by its English
template (``language.say``). Terms follow d2l-zh: 损失 (loss), 学习率 (learning rate), 小批量 (minibatch),
初始化 (initialization), 梯度 (gradient), 噪声 (noise). Fields in braces are the same as in English."""

ZH: dict[str, str] = {
    # checks.py: what a malformed or missing answer gets
    "Not answered yet: replace the ... with your answer, then run this cell again.": "尚未作答：把 ... 换成你的答案，然后再运行这个单元格。",
    "Expected a number, got {kind} {answer!r:.40}.": "这里需要一个数，得到的是 {kind} {answer!r:.40}。",
    "Expected a finite number, got {answer}.": "这里需要一个有限的数，得到的是 {answer}。",
    "Expected a tensor of shape {shape}, got {kind}.": "这里需要形状为 {shape} 的张量，得到的是 {kind}。",
    "Expected a tensor of shape {shape} (like the weight), got shape {got}.": "这里需要形状为 {shape} 的张量（与权重相同），得到的形状是 {got}。",
    "Expected finite numbers, got NaN or infinity.": "这里需要有限的数，得到的是 NaN 或无穷大。",
    "Expected a whole number, got {kind} {answer!r:.40}.": "这里需要一个整数，得到的是 {kind} {answer!r:.40}。",
    "Expected two whole numbers (batches, last batch size), got {answer!r:.40}.": "这里需要两个整数（小批量个数，最后一个小批量的大小），得到的是 {answer!r:.40}。",
    "Expected a model (an nn.Module), got {kind}.": "这里需要一个模型（nn.Module），得到的是 {kind}。",
    "Expected shape {expected}, one output per example, got {got}.": "输出形状应为 {expected}（每个样本一个输出），得到的是 {got}。",
    "Expected one linear layer with one output, like nn.Sequential(nn.LazyLinear(1)).": "这里需要一个只有一个输出的线性层，例如 nn.Sequential(nn.LazyLinear(1))。",
    "✓ Right. ": "✓ 正确。",
    # checks.py: right answers
    "The zero model's loss is the mean of y², {measured:.3g} on this data.": "全零模型的损失就是 y² 的均值，在这份数据上是 {measured:.3g}。",
    "It equals autograd's gradient: (2/B) (ŷ − y)ᵀ X.": "与自动微分算出的梯度一致：(2/B) (ŷ − y)ᵀ X。",
    "The loss starts orders of magnitude higher and still ends on the noise floor: the bowl has one bottom, "
    "and each step shrinks the distance to it by the same factor whatever the start (section 2).": "损失起点高出几个数量级，最后仍落在噪声下限上：这个碗只有一个碗底，无论从哪里出发，"
    "每一步都把到碗底的距离缩小同样的倍数（第 2 节）。",
    "σ² = {floor:g}: the loss scales with the square of the noise level.": "σ² = {floor:g}：损失随噪声水平的平方变化。",
    "⌈{n} / {b}⌉ = {count} batches, the last of {last}.": "⌈{n} / {b}⌉ = {count} 个小批量，最后一个有 {last} 个样本。",
    "It maps {source} to {target}: its in_features fits the data.": "它把 {source} 映射为 {target}：in_features 与数据相符。",
    "It is the least-squares solution: the bottom of the bowl, in one step.": "这就是最小二乘解：一步到达碗底。",
    "About √100 = 10: the error shrinks like σ/√n, the averaging of n noise draws.": "约为 √100 = 10：误差按 σ/√n 缩小，这是对 n 个噪声取平均的结果。",
    "Materialized first, initialized after: weights N(0, 0.01²), bias 0, and they stay.": "先实体化（materialize），再初始化：权重服从 N(0, 0.01²)，偏置为 0，并且会保持下去。",
    "{count}: one weight per feature and one bias per output.": "{count} 个：每个特征一个权重，每个输出一个偏置。",
    "{per_epoch} minibatches an epoch × {epochs} epochs: one step each.": "每轮 {per_epoch} 个小批量 × {epochs} 轮：每个小批量更新一步。",
    "About {limit:.2g}: 9 times the curvature, a ninth of the limit.": "约为 {limit:.2g}：曲率变为 9 倍，上限变为九分之一。",
    "lr / B = {same:g}: the sum's gradient is B = {b} times the mean's.": "lr / B = {same:g}：求和损失的梯度是平均损失的 B = {b} 倍。",
    # checks.py: wrong answers, with a hint
    "{value:.3g} is not it. Hint: the zero model predicts 0, so each squared error is y²; and "
    "E[y²] = b² + ‖w‖² + σ² for y = Xw + b + ε with X ~ N(0, 1) (section 2).": "{value:.3g} 不对。提示：全零模型的预测都是 0，所以每个平方误差就是 y²；"
    "而对 y = Xw + b + ε、X ~ N(0, 1)，有 E[y²] = b² + ‖w‖² + σ²（第 2 节）。",
    "Half of it: nn.MSELoss has no ½, so its derivative keeps the 2 (section 2).": "只有一半：nn.MSELoss 没有 ½，所以求导后保留系数 2（第 2 节）。",
    "Not autograd's gradient. Hint: ∂L/∂W = (2/B) (ŷ − y)ᵀ X, ŷ = net(X) (section 2).": "与自动微分的梯度不符。提示：∂L/∂W = (2/B) (ŷ − y)ᵀ X，ŷ = net(X)（第 2 节）。",
    "{value:.3g} is not on the noise floor σ² = {floor:g}. Hint: train with the book's settings "
    "(lr 0.01, batch 10, 10 epochs) and print history.final_loss; is the loss convex (section 2)?": "{value:.3g} 不在噪声下限 σ² = {floor:g} 上。提示：按书中的设置训练（学习率 0.01，批量大小 10，"
    "10 轮），打印 history.final_loss；这个损失函数是凸的吗（第 2 节）？",
    "{value:g} is σ itself. Hint: the loss averages squared errors (section 6).": "{value:g} 是 σ 本身。提示：损失是平方误差的平均（第 6 节）。",
    "{value:g} is not it. Hint: the true w and b leave only the noise ε (section 6).": "{value:g} 不对。提示：真实的 w 和 b 只留下噪声 ε（第 6 节）。",
    "{answer} is not it. Hint: ⌈n / B⌉ batches; the last holds the rest (section 4).": "{answer} 不对。提示：共 ⌈n / B⌉ 个小批量，最后一个装下剩余的样本（第 4 节）。",
    "The model fails on the data: {error} (section 4).": "模型无法处理这份数据：{error}（第 4 节）。",
    "Not the least-squares θ. Hint: A = [X, 1], then solve AᵀA θ = Aᵀy (section 1).": "不是最小二乘的 θ。提示：令 A = [X, 1]，再解 AᵀA θ = Aᵀy（第 1 节）。",
    "{value:g} is n's own factor. Hint: averaging n noise draws shrinks them by √n.": "{value:g} 是 n 本身的倍数。提示：对 n 个噪声取平均，只把它们缩小 √n 倍。",
    "{value:g} < 1 means the error grew. Hint: divide the error at small n by the one at large n.": "{value:g} < 1 表示误差变大了。提示：用小 n 时的误差除以大 n 时的误差。",
    "{value:g} is not it. Hint: compare your errors at n and at 100 n; theory says σ/√n.": "{value:g} 不对。提示：比较 n 与 100 n 时的误差；理论值为 σ/√n。",
    "The layer is still lazy: it has no shape yet. Hint: one dry run first (section 4).": "这一层仍是延迟初始化的：还没有形状。提示：先用一个批量试运行一次（第 4 节）。",
    "The layer still has PyTorch's default values (|w| up to 1/√fan_in, a non-zero bias): the "
    "initialization ran before the first call, which overwrote it. Hint: section 4.": "这一层仍是 PyTorch 的默认值（|w| 可达 1/√fan_in，偏置不为 0）：初始化发生在第一次调用之前，"
    "被第一次调用覆盖了。提示：见第 4 节。",
    "The weights are all zero: draw them from N(0, 0.01²) with normal_(0, 0.01).": "权重全为 0：请用 normal_(0, 0.01) 从 N(0, 0.01²) 中抽取。",
    "{value} is not it. Hint: count the weight's entries and the bias's (step 3).": "{value} 不对。提示：数一数权重和偏置各有几个元素（第 3 步）。",
    "{value} is one per epoch. Hint: the step runs once per minibatch (step 6).": "{value} 是每轮一次。提示：每个小批量都会执行一次 step（第 6 步）。",
    "{value} is not it. Hint: ⌈n / batch size⌉ minibatches per epoch, one step each.": "{value} 不对。提示：每轮有 ⌈n / 批量大小⌉ 个小批量，每个小批量更新一步。",
    "{value:.2g} divides by 3. Hint: the curvature H grows with x², by 3² (section 6).": "{value:.2g} 是除以 3 的结果。提示：曲率 H 随 x² 增长，即变为 3² 倍（第 6 节）。",
    "{value:.2g} is not it. Hint: H = (2/n)AᵀA; scaling x by 3 scales its block by 9.": "{value:.2g} 不对。提示：H = (2/n)AᵀA；x 放大 3 倍，对应的块放大 9 倍。",
    "{value:g} multiplies. Hint: the sum's gradient is already B times larger.": "{value:g} 是乘出来的。提示：求和损失的梯度已经大了 B 倍。",
    "{value:g} is not it. Hint: compare the gradients of the sum and the mean (section 5).": "{value:g} 不对。提示：比较求和与求平均两种损失的梯度（第 5 节）。",
    # closed_form.py: the table of fits
    "closed form (torch.linalg.lstsq)": "闭式解（torch.linalg.lstsq）",
    "scikit-learn LinearRegression": "scikit-learn 的 LinearRegression",
    "true parameters": "真实参数",
    "method": "方法",
    "training MSE": "训练均方误差",
    # formatting.py and init_experiments.py
    "below {bound:.0e}": "小于 {bound:.0e}",
    "Every activation and every gradient is exactly 0: no weight can change, nothing is learned.": "每个激活值和每个梯度都恰好为 0：没有任何权重能改变，什么也学不到。",
    "vanished": "已消失",
    "alive": "仍存活",
    "Activation std {act_first:.2g} in layer {first}, {act_last:.2g} in layer {last} ({verdict}); "
    "weight-gradient std {grad_first:.2g} in layer {first}, {grad_last:.2g} in layer {last}.": "激活值的标准差为 {act_first:.2g}（第 {first} 层）、{act_last:.2g}（第 {last} 层，{verdict}）；"
    "权重梯度的标准差为 {grad_first:.2g}（第 {first} 层）、{grad_last:.2g}（第 {last} 层）。",
    # widgets: the controls' labels (scheme names stay as in the figures' legends) and the data explorer
    "examples n": "样本数 n",
    "noise σ": "噪声 σ",
    "scheme": "初始化方案",
    "activation": "激活函数",
    "depth": "深度",
    "learning rate": "学习率",
    "batch size": "批量大小",
    "epochs": "训练轮数",
    "initialization": "初始化",
    "{scheme}, {activation}, depth {depth}": "{scheme}，{activation}，深度 {depth}",
    "noise σ = {noise_std:.3g}, so the noise variance is <b>σ² = {variance:.2e}</b>. "
    "Loss (mean squared error) of the true w and b on these {n} examples: "
    "<b>{mse:.2e}</b>. No model can expect a lower loss on new data.": "噪声 σ = {noise_std:.3g}，所以噪声的方差为 <b>σ² = {variance:.2e}</b>。"
    "真实的 w 和 b 在这 {n} 个样本上的损失（均方误差）：<b>{mse:.2e}</b>。在新数据上，任何模型的期望损失都不会更低。",
    # history.py: the training dashboard's status line
    "Full-batch stability limit 2/λ_max = {boundary:.3g} (lr is {ratio:.2g} × it).": "全批量梯度下降的稳定上限 2/λ_max = {boundary:.3g}（学习率是它的 {ratio:.2g} 倍）。",
    "Final loss {loss} (noise floor σ² = {floor:.3g}); error of w: {error_w}, of b: {error_b}.": "最终损失 {loss}（噪声下限 σ² = {floor:.3g}）；w 的误差：{error_w}，b 的误差：{error_b}。",
    "Diverged: with lr = {lr:.3g} the loss blew up in epoch {epoch} (it became non-finite or over "
    "{ratio:g} times its initial value). Lower the learning rate.": "发散：学习率为 {lr:.3g} 时，损失在第 {epoch} 轮爆炸（变为非有限值，或超过初始值的 {ratio:g} 倍）。"
    "请降低学习率。",
    "Diverging: with lr = {lr:.3g} the loss grew from {first} to {last} in {epochs} epochs; more epochs "
    "would blow it up. Lower the learning rate.": "正在发散：学习率为 {lr:.3g} 时，损失在 {epochs} 轮内从 {first} 增长到 {last}；再多训练几轮就会爆炸。"
    "请降低学习率。",
}
