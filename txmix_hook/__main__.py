from txmix_hook.entry import main

main()
