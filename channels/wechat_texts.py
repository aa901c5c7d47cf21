"""What the WeChat channel itself says (everything else comes from the assistant)."""

# images, voice without speech recognition, video, location, links, files, …
NOT_TEXT = (
    "收到啦！不过我现在只看得懂文字消息，图片、语音、视频、位置和链接暂时还看不了。"
    "请直接打字告诉我订单遇到了什么问题，比如“收到的鞋开胶了，卖家不给退”；"
    "想知道我能做什么，回复“你能做什么”就好。"
)

# the answer is taking longer than WeChat waits; it follows as customer-service messages
STILL_THINKING = "收到，我正在整理回复，稍等一下～"

# the answer took too long and cannot be sent later (no customer-service API configured)
TOO_SLOW = "抱歉，这次回复太慢没能及时送到。请稍后再发一次刚才的话。"

# the assistant failed on this message
FAILED = "抱歉，我这边出了点问题，请稍后再发一次。"
