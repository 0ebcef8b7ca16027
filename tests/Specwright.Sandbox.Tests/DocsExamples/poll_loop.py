import requests, time

API = "https://api.webscrape.ai/v1"
HDR = {"X-API-Key": "wsg_live_..."}

def run_and_wait(recipe_id):
    env = requests.post(f"{API}/smartbrowse/recipes/{recipe_id}/run", headers=HDR).json()
    run_id = env["data"]["run_id"]

    while True:
        env = requests.get(f"{API}/smartbrowse/runs/{run_id}", headers=HDR).json()
        run = env["data"]
        print(run["run_status"], run["pages_extracted"], "pages")
        if run["run_status"] in ("completed", "failed"):
            return run
        time.sleep(2)
