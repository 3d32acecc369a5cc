window.YTD.follower.part0 = [
  {
    "follower" : {
      "accountId" : "1450966446371999745",
      "userLink" : "https://twitter.com/intent/user?user_id=1450966446371999745"
    }
  }
]